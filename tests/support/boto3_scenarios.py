#!/usr/bin/env python3
"""The XML services' end-to-end scenarios, run with boto3 against the same moto_server first.

`tests/xml_e2e.rs` runs each scenario here before running it with the generated client,
so that a failure says whether moto or our client is at fault, and compares the two
results: this prints one JSON object with what boto3 saw (keys per page, bytes, headers,
error codes), the Rust test asserts its own results equal it. Resource names are built from
SUFFIX, which keeps them apart from the Rust run's; it reads `SUFFIX` in the output.

usage: boto3_scenarios.py SCENARIO ENDPOINT REGION SUFFIX
  SCENARIO: s3 | sts | iam | sns | ec2 | dynamodbstreams
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError


def client(service, endpoint, region):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def s3(endpoint, region, suffix):
    c = client("s3", endpoint, region)
    bucket = suffix
    c.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    c.put_object(Bucket=bucket, Key="a.txt", Body=b"hello", ContentType="text/plain", Metadata={"color": "blue"})
    got = c.get_object(Bucket=bucket, Key="a.txt")
    for key in ("b.txt", "c.txt"):
        c.put_object(Bucket=bucket, Key=key, Body=key.encode())
    pages = [
        [o["Key"] for o in page.get("Contents", [])]
        for page in c.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 1})
    ]
    c.copy_object(Bucket=bucket, Key="copy.txt", CopySource={"Bucket": bucket, "Key": "a.txt"})
    copied = c.get_object(Bucket=bucket, Key="copy.txt")["Body"].read()
    deleted = c.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "b.txt"}, {"Key": "c.txt"}]})
    missing = error_code(lambda: c.get_object(Bucket=bucket, Key="missing.txt"))
    upload = c.create_multipart_upload(Bucket=bucket, Key="big.bin")
    part = c.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"x" * 1024)
    c.complete_multipart_upload(
        Bucket=bucket,
        Key="big.bin",
        UploadId=upload["UploadId"],
        MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]},
    )
    big = c.head_object(Bucket=bucket, Key="big.bin")
    remaining = [o["Key"] for o in c.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {
        "body": got["Body"].read().decode(),
        "content_type": got["ContentType"],
        "metadata": got["Metadata"],
        "pages": pages,
        "copied": copied.decode(),
        "deleted": sorted(d["Key"] for d in deleted.get("Deleted", [])),
        "missing": missing,
        "multipart_length": big["ContentLength"],
        "remaining": remaining,
    }


def sts(endpoint, region, suffix):
    c = client("sts", endpoint, region)
    me = c.get_caller_identity()
    role = c.assume_role(RoleArn="arn:aws:iam::123456789012:role/e2e", RoleSessionName=suffix)
    return {
        "account": me["Account"],
        "arn": me["Arn"],
        "assumed_arn": role["AssumedRoleUser"]["Arn"],
        "key_prefix": role["Credentials"]["AccessKeyId"][:4],
    }


def iam(endpoint, region, suffix):
    c = client("iam", endpoint, region)
    names = [f"{suffix}-{i}" for i in range(3)]
    for name in names:
        c.create_user(UserName=name, Path=f"/{suffix}/")
    listed = [
        u["UserName"]
        for page in c.get_paginator("list_users").paginate(PathPrefix=f"/{suffix}/")
        for u in page["Users"]
    ]
    return {"users": sorted(listed), "missing": error_code(lambda: c.get_user(UserName=f"{suffix}-nobody"))}


def sns(endpoint, region, suffix):
    c = client("sns", endpoint, region)
    arn = c.create_topic(Name=suffix)["TopicArn"]
    message_id = c.publish(TopicArn=arn, Message="hello", Subject="greeting")["MessageId"]
    topics = [t["TopicArn"] for page in c.get_paginator("list_topics").paginate() for t in page["Topics"]]
    return {"topic_suffix": arn.rsplit(":", 1)[1], "published": bool(message_id), "listed": arn in topics}


def ec2(endpoint, region, suffix):
    c = client("ec2", endpoint, region)
    tag = suffix
    run = c.run_instances(
        ImageId="ami-12c6146b",
        MinCount=6,
        MaxCount=6,
        InstanceType="t3.micro",
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": tag}]}],
    )
    ids = [i["InstanceId"] for i in run["Instances"]]
    found = c.describe_instances(Filters=[{"Name": "tag:Name", "Values": [tag]}])
    described = sorted(i["InstanceId"] for r in found["Reservations"] for i in r["Instances"])
    terminated = c.terminate_instances(InstanceIds=ids)["TerminatingInstances"]
    return {
        "launched": len(ids),
        "described": len(described),
        "same_ids": described == sorted(ids),
        "terminating_states": sorted({t["CurrentState"]["Name"] for t in terminated}),
        "missing": error_code(lambda: c.describe_instances(InstanceIds=["i-1234567890abcdef0"])),
    }


def dynamodbstreams(endpoint, region, suffix):
    db = client("dynamodb", endpoint, region)
    db.create_table(
        TableName=suffix,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    key = {"pk": {"S": "order#1"}}
    db.put_item(TableName=suffix, Item={**key, "qty": {"N": "1"}, "tags": {"SS": ["gift", "red"]}})
    db.update_item(
        TableName=suffix,
        Key=key,
        UpdateExpression="SET qty = :q",
        ExpressionAttributeValues={":q": {"N": "2"}},
    )
    db.delete_item(TableName=suffix, Key=key)

    c = client("dynamodbstreams", endpoint, region)
    streams = c.list_streams(TableName=suffix)["Streams"]
    arn = streams[0]["StreamArn"]
    description = c.describe_stream(StreamArn=arn)["StreamDescription"]
    shard = description["Shards"][0]["ShardId"]
    iterator = c.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = c.get_records(ShardIterator=iterator)["Records"]

    def qty(image):
        return image["qty"]["N"] if image else None

    return {
        "streams": len(streams),
        "table": streams[0]["TableName"],
        "view_type": description["StreamViewType"],
        "key_schema": [[k["AttributeName"], k["KeyType"]] for k in description["KeySchema"]],
        "events": [r["eventName"] for r in records],
        "keys": [r["dynamodb"]["Keys"] for r in records],
        "new_qty": [qty(r["dynamodb"].get("NewImage")) for r in records],
        "old_qty": [qty(r["dynamodb"].get("OldImage")) for r in records],
        "new_tags": [sorted(r["dynamodb"]["NewImage"]["tags"]["SS"]) if "NewImage" in r["dynamodb"] else None for r in records],
        "missing": error_code(lambda: c.describe_stream(StreamArn=arn.replace(suffix, suffix + "-gone"))),
    }


def main():
    scenario, endpoint, region, suffix = sys.argv[1:5]
    run = {"s3": s3, "sts": sts, "iam": iam, "sns": sns, "ec2": ec2, "dynamodbstreams": dynamodbstreams}[scenario]
    print(json.dumps(run(endpoint, region, suffix), sort_keys=True).replace(suffix, "SUFFIX"))


if __name__ == "__main__":
    main()
