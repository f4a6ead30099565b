//! A hand-built model for the emitter's tests, independent of the parsers and the
//! assembler. Like the real docs, it marks members required only in request shapes.
//!
//! [`dynamodb`] follows the real DynamoDB documentation for the parts it copies (wire
//! names, enum values, errors, the ListBackups paginator, the TableExists waiter), so a
//! test written against its generated client keeps working against the real one. On top it
//! has one made-up operation, `SearchBackups`, for what DynamoDB lacks: a union with a
//! structure member and a direct recursion, a document, a float, names that collide after
//! case conversion, keywords and a reserved type name, an idempotency token, and Markdown
//! that rustdoc would misread.

use std::collections::BTreeMap;

use crate::model::{HttpBinding, Location, Member, Operation, Paginator, Protocol, ProtocolKind, Service, Shape, ShapeKind, Structure, Waiter};

fn member(name: &str, target: &str, docs: &str) -> Member {
    Member { name: name.into(), target: target.into(), docs: docs.into(), ..Default::default() }
}

fn required(name: &str, target: &str, docs: &str) -> Member {
    Member { required: true, ..member(name, target, docs) }
}

struct Shapes(BTreeMap<String, Shape>);

impl Shapes {
    fn add(&mut self, name: &str, docs: &str, kind: ShapeKind) -> &mut Self {
        self.0.insert(name.into(), Shape::new(name, docs, kind));
        self
    }

    fn structure(&mut self, name: &str, docs: &str, members: Vec<Member>) -> &mut Self {
        self.add(name, docs, ShapeKind::Structure(Structure { members, ..Default::default() }))
    }

    fn union(&mut self, name: &str, docs: &str, members: Vec<Member>) -> &mut Self {
        self.add(name, docs, ShapeKind::Structure(Structure { members, union: true, ..Default::default() }))
    }

    fn error(&mut self, name: &str, docs: &str) -> &mut Self {
        self.add(
            name,
            docs,
            ShapeKind::Structure(Structure {
                members: vec![member("message", "ErrorMessage", "")],
                exception: true,
                ..Default::default()
            }),
        )
    }

    fn enumeration(&mut self, name: &str, values: &[&str]) -> &mut Self {
        self.add(name, "", ShapeKind::Enum { values: values.iter().map(|v| v.to_string()).collect() })
    }

    fn list(&mut self, name: &str, member: &str) -> &mut Self {
        self.add(name, "", ShapeKind::List { member: member.into() })
    }

    fn map(&mut self, name: &str, key: &str, value: &str) -> &mut Self {
        self.add(name, "", ShapeKind::Map { key: key.into(), value: value.into() })
    }
}

fn operation(name: &str, method: &str, docs: &str, input: Option<&str>, output: Option<&str>, errors: &[&str]) -> Operation {
    Operation {
        name: name.into(),
        method: method.into(),
        docs: docs.into(),
        input: input.map(Into::into),
        output: output.map(Into::into),
        errors: errors.iter().map(|e| e.to_string()).collect(),
        ..Default::default()
    }
}

/// A DynamoDB subset plus `SearchBackups` (see the module docs).
pub fn dynamodb() -> Service {
    let mut s = Shapes(BTreeMap::new());
    for primitive in ["BackupArn", "BackupName", "TableName", "ErrorMessage", "ResourceArn", "String", "TagKey", "TagValue", "AttributeName", "NumberAttributeValue", "StringAttributeValue"] {
        s.add(primitive, "", ShapeKind::String);
    }
    s.add("BackupSizeBytes", "", ShapeKind::Long)
        .add("BackupsInputLimit", "", ShapeKind::Integer)
        .add("Long", "", ShapeKind::Long)
        .add("ConsumedCapacityUnits", "", ShapeKind::Double)
        .add("Score", "", ShapeKind::Float)
        .add("BooleanObject", "", ShapeKind::Boolean)
        .add("NullAttributeValue", "", ShapeKind::Boolean)
        .add("ConsistentRead", "", ShapeKind::Boolean)
        .add("Date", "", ShapeKind::Timestamp)
        .add("BackupCreationDateTime", "", ShapeKind::Timestamp)
        .add("BinaryAttributeValue", "", ShapeKind::Blob { streaming: false })
        .add("Document", "", ShapeKind::Document);

    s.enumeration("BackupStatus", &["CREATING", "DELETED", "AVAILABLE"])
        .enumeration("BackupType", &["USER", "SYSTEM", "AWS_BACKUP"])
        .enumeration("BackupTypeFilter", &["USER", "SYSTEM", "AWS_BACKUP", "ALL"])
        .enumeration("TableStatus", &["CREATING", "UPDATING", "DELETING", "ACTIVE", "INACCESSIBLE_ENCRYPTION_CREDENTIALS", "ARCHIVING", "ARCHIVED"])
        .enumeration("SSEStatus", &["ENABLING", "ENABLED", "DISABLING", "DISABLED", "UPDATING"])
        .enumeration("InstanceKind", &["t2.micro", "Linux/UNIX (Amazon VPC)", "1.0", "10", "UNKNOWN", "self", "linux-unix-amazon-vpc"]);

    s.error("BackupNotFoundException", "Backup not found for the given BackupARN.")
        .error("InternalServerError", "An error occurred on the server side.")
        .error("ResourceNotFoundException", "The operation tried to access a nonexistent table or index. The resource might not be specified correctly, or its status might not be `ACTIVE`.")
        .error("LimitExceededException", "There is no limit to the number of daily on-demand backups that can be taken.\n\nFor most purposes, up to 500 simultaneous table operations are allowed per account.")
        .error("ResourceInUseException", "The operation conflicts with the resource's availability.")
        .error("RequestLimitExceeded", "Throughput exceeds the current throughput quota for your account.");

    // ListBackups
    s.structure("ListBackupsInput", "", vec![
        member("TableName", "TableName", "Lists the backups from the table specified in `TableName`. You can also provide the Amazon Resource Name (ARN) of the table in this parameter."),
        member("Limit", "BackupsInputLimit", "Maximum number of backups to return at once."),
        member("TimeRangeLowerBound", "Date", "Only backups created after this time are listed. `TimeRangeLowerBound` is inclusive."),
        member("TimeRangeUpperBound", "Date", "Only backups created before this time are listed. `TimeRangeUpperBound` is exclusive."),
        member("ExclusiveStartBackupArn", "BackupArn", "`LastEvaluatedBackupArn` is the Amazon Resource Name (ARN) of the backup last evaluated when the current page of results was returned, inclusive of the current page of results. This value may be specified as the `ExclusiveStartBackupArn` of a new `ListBackups` operation in order to fetch the next page of results."),
        member("BackupType", "BackupTypeFilter", "The backups from the table specified by `BackupType` are listed.\n\nWhere `BackupType` can be:\n\n* `USER` - On-demand backup created by you. (The default setting if no other backup types are specified.)\n* `SYSTEM` - On-demand backup automatically created by DynamoDB.\n* `ALL` - All types of on-demand backups (USER and SYSTEM)."),
    ])
    .structure("ListBackupsOutput", "", vec![
        member("BackupSummaries", "BackupSummaries", "List of `BackupSummary` objects."),
        member("LastEvaluatedBackupArn", "BackupArn", "The ARN of the backup last evaluated when the current page of results was returned, inclusive of the current page of results. This value may be specified as the `ExclusiveStartBackupArn` of a new `ListBackups` operation in order to fetch the next page of results.\n\nIf `LastEvaluatedBackupArn` is empty, then the last page of results has been processed and there are no more results to be retrieved."),
    ])
    .list("BackupSummaries", "BackupSummary")
    .structure("BackupSummary", "Contains details for the backup.", vec![
        member("TableName", "TableName", "Name of the table."),
        member("BackupArn", "BackupArn", "ARN associated with the backup."),
        member("BackupName", "BackupName", "Name of the specified backup."),
        member("BackupCreationDateTime", "BackupCreationDateTime", "Time at which the backup was created."),
        member("BackupStatus", "BackupStatus", "Backup can be in one of the following states: CREATING, ACTIVE, DELETED."),
        member("BackupType", "BackupType", "BackupType:"),
        member("BackupSizeBytes", "BackupSizeBytes", "Size of the backup in bytes."),
    ]);

    // DescribeBackup
    s.structure("DescribeBackupInput", "", vec![required("BackupArn", "BackupArn", "The Amazon Resource Name (ARN) associated with the backup.")])
        .structure("DescribeBackupOutput", "", vec![member("BackupDescription", "BackupDescription", "Contains the description of the backup created for the table.")])
        .structure("BackupDescription", "Contains the description of the backup created for the table.", vec![
            member("BackupDetails", "BackupDetails", "Contains the details of the backup created for the table."),
            member("SourceTableDetails", "SourceTableDetails", "Contains the details of the table when the backup was created."),
            member("SSEDescription", "SSEDescription", "The description of the server-side encryption status on the table when the backup was created."),
        ])
        .structure("BackupDetails", "Contains the details of the backup created for the table.", vec![
            member("BackupArn", "BackupArn", "ARN associated with the backup."),
            member("BackupName", "BackupName", "Name of the requested backup."),
            member("BackupSizeBytes", "BackupSizeBytes", "Size of the backup in bytes. DynamoDB updates this value approximately every six hours."),
            member("BackupStatus", "BackupStatus", "Backup can be in one of the following states: CREATING, ACTIVE, DELETED."),
            member("BackupType", "BackupType", "BackupType:\n\n* `USER` - You create and manage these using the on-demand backup feature.\n* `SYSTEM` - If you delete a table with point-in-time recovery enabled, a `SYSTEM` backup is automatically created and is retained for 35 days (at no additional cost). System backups allow you to restore the deleted table to the state it was in just before the point of deletion.\n* `AWS_BACKUP` - On-demand backup created by you from Backup service."),
            member("BackupCreationDateTime", "BackupCreationDateTime", "Time at which the backup was created. This is the request time of the backup."),
        ])
        .structure("SourceTableDetails", "Contains the details of the table when the backup was created.", vec![
            member("TableName", "TableName", "The name of the table for which the backup was created."),
            member("ItemCount", "Long", "Number of items in the table. Note that this is an approximate value."),
        ])
        .structure("SSEDescription", "The description of the server-side encryption status on the specified table.", vec![
            member("Status", "SSEStatus", "Represents the current state of server-side encryption."),
            member("InaccessibleEncryptionDateTime", "Date", "Indicates the time, in UNIX epoch date format, when DynamoDB detected that the table's KMS key was inaccessible."),
        ]);

    // GetItem, with the recursive AttributeValue union.
    s.union("AttributeValue", "Represents the data for an attribute.\n\nEach attribute value is described as a name-value pair. The name is the data type, and the value is the data itself.\n\nFor more information, see [Data Types](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes) in the *Amazon DynamoDB Developer Guide*.", vec![
        member("S", "StringAttributeValue", "An attribute of type String. For example:\n\n`\"S\": \"Hello\"`"),
        member("N", "NumberAttributeValue", "An attribute of type Number. For example:\n\n`\"N\": \"123.45\"`\n\nNumbers are sent across the network to DynamoDB as strings, to maximize compatibility across languages and libraries. However, DynamoDB treats them as number type attributes for mathematical operations."),
        member("B", "BinaryAttributeValue", "An attribute of type Binary. For example:\n\n`\"B\": \"dGhpcyB0ZXh0IGlzIGJhc2U2NC1lbmNvZGVk\"`"),
        member("SS", "StringSetAttributeValue", "An attribute of type String Set. For example:\n\n`\"SS\": [\"Giraffe\", \"Hippo\" ,\"Zebra\"]`"),
        member("NS", "NumberSetAttributeValue", "An attribute of type Number Set."),
        member("BS", "BinarySetAttributeValue", "An attribute of type Binary Set."),
        member("M", "MapAttributeValue", "An attribute of type Map. For example:\n\n`\"M\": {\"Name\": {\"S\": \"Joe\"}, \"Age\": {\"N\": \"35\"}}`"),
        member("L", "ListAttributeValue", "An attribute of type List. For example:\n\n`\"L\": [ {\"S\": \"Cookies\"} , {\"S\": \"Coffee\"}, {\"N\": \"3.14159\"}]`"),
        member("NULL", "NullAttributeValue", "An attribute of type Null. For example:\n\n`\"NULL\": true`"),
        member("BOOL", "BooleanAttributeValue", "An attribute of type Boolean. For example:\n\n`\"BOOL\": true`"),
    ])
    .list("StringSetAttributeValue", "StringAttributeValue")
    .list("NumberSetAttributeValue", "NumberAttributeValue")
    .list("BinarySetAttributeValue", "BinaryAttributeValue")
    .map("MapAttributeValue", "AttributeName", "AttributeValue")
    .list("ListAttributeValue", "AttributeValue")
    .add("BooleanAttributeValue", "", ShapeKind::Boolean)
    .map("Key", "AttributeName", "AttributeValue")
    .map("AttributeMap", "AttributeName", "AttributeValue")
    .structure("GetItemInput", "Represents the input of a `GetItem` operation.", vec![
        required("TableName", "TableName", "The name of the table containing the requested item. You can also provide the Amazon Resource Name (ARN) of the table in this parameter."),
        required("Key", "Key", "A map of attribute names to `AttributeValue` objects, representing the primary key of the item to retrieve.\n\nFor the primary key, you must provide all of the attributes. For example, with a simple primary key, you only need to provide a value for the partition key."),
        member("ConsistentRead", "ConsistentRead", "Determines the read consistency model: If set to `true`, then the operation uses strongly consistent reads; otherwise, the operation uses eventually consistent reads."),
    ])
    .structure("GetItemOutput", "Represents the output of a `GetItem` operation.", vec![
        member("Item", "AttributeMap", "A map of attribute names to `AttributeValue` objects, as specified by `ProjectionExpression`."),
        member("ConsumedCapacity", "ConsumedCapacity", "The capacity units consumed by the `GetItem` operation."),
    ])
    .structure("ConsumedCapacity", "The capacity units consumed by an operation.", vec![
        member("TableName", "TableName", "The name of the table that was affected by the operation."),
        member("CapacityUnits", "ConsumedCapacityUnits", "The total number of capacity units consumed by the operation."),
    ]);

    // DescribeTable, with its waiters.
    s.structure("DescribeTableInput", "Represents the input of a `DescribeTable` operation.", vec![
        required("TableName", "TableName", "The name of the table to describe. You can also provide the Amazon Resource Name (ARN) of the table in this parameter."),
    ])
    .structure("DescribeTableOutput", "Represents the output of a `DescribeTable` operation.", vec![
        member("Table", "TableDescription", "The properties of the table."),
    ])
    .structure("TableDescription", "Represents the properties of a table.", vec![
        member("TableName", "TableName", "The name of the table."),
        member("TableStatus", "TableStatus", "The current state of the table:\n\n* `CREATING` - The table is being created.\n* `UPDATING` - The table/index configuration is being updated. The table/index remains available for data operations when `UPDATING`.\n* `ACTIVE` - The table is ready for use."),
        member("CreationDateTime", "Date", "The date and time when the table was created, in [UNIX epoch time](http://www.epochconverter.com/) format."),
        member("ItemCount", "Long", "The number of items in the specified table. DynamoDB updates this value approximately every six hours. Recent changes might not be reflected in this value."),
        member("TableArn", "String", "The Amazon Resource Name (ARN) that uniquely identifies the table."),
    ]);

    // DescribeLimits: no input. TagResource: no output.
    s.structure("DescribeLimitsOutput", "Represents the output of a `DescribeLimits` operation.", vec![
        member("AccountMaxReadCapacityUnits", "Long", "The maximum total read capacity units that your account allows you to provision across all of your tables in this Region."),
        member("AccountMaxWriteCapacityUnits", "Long", "The maximum total write capacity units that your account allows you to provision across all of your tables in this Region."),
    ])
    .structure("TagResourceInput", "", vec![
        required("ResourceArn", "ResourceArn", "Identifies the Amazon DynamoDB resource to which tags should be added. This value is an Amazon Resource Name (ARN)."),
        required("Tags", "TagList", "The tags to be assigned to the Amazon DynamoDB resource."),
    ])
    .list("TagList", "Tag")
    .structure("Tag", "Describes a tag. A tag is a key-value pair. You can add up to 50 tags to a single DynamoDB table.", vec![
        required("Key", "TagKey", "The key of the tag. Tag keys are case sensitive. Each DynamoDB table can only have up to one tag with the same key. If you try to add an existing tag (same key), the existing tag value will be updated to the new value."),
        required("Value", "TagValue", "The value of the tag. Tag values are case-sensitive and can be null."),
    ]);

    // SearchBackups: made up, see the module docs.
    s.structure("SearchBackupsInput", "", vec![
        required("Filter", "FilterNode", "**[REQUIRED]** The filter tree. ARNs look like `arn:aws:dynamodb:<region>:<account>:table/<name>`; see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BackupRestore.html for more.\n\nExample:\n\n```\n{\"Not\": {\"Match\": {\"type\": \"USER\"}}}\n```"),
        member("Metadata", "Document", "Free-form metadata <p>kept as is</p>."),
        member("Instance", "InstanceKind", "An enum whose values need care."),
        member("Tags", "TagMap", "Tags by key."),
        member("MinScore", "Score", "A `float` in the model."),
        member("type", "String", "A keyword."),
        member("Type", "String", "The same name after case conversion."),
        member("self", "String", "A keyword that cannot be a raw identifier."),
        Member { idempotency_token: true, ..member("ClientToken", "String", "A unique token. This field is autopopulated if not provided.") },
    ])
    .structure("SearchBackupsOutput", "", vec![
        member("Results", "ResultList", "The matches."),
        member("Token", "BinaryAttributeValue", "A binary continuation token."),
    ])
    .list("ResultList", "Result")
    .structure("Result", "A shape whose name is a prelude type.", vec![
        member("BackupArn", "BackupArn", "The match."),
        member("Scores", "ScoreMap", "Scores by instance kind."),
        member("Next", "Result", "The next result, directly recursive."),
    ])
    .map("ScoreMap", "InstanceKind", "Score")
    .map("TagMap", "TagKey", "TagValue")
    .union("FilterNode", "A filter: exactly one member is set.", vec![
        member("And", "FilterList", "All of these."),
        member("Not", "FilterNode", "Not this one."),
        member("Match", "BackupMatch", "A leaf."),
        member("Any", "Document", "Anything else."),
    ])
    .list("FilterList", "FilterNode")
    .structure("BackupMatch", "", vec![
        required("type", "BackupType", "The backup type."),
        member("CreatedAfter", "Date", ""),
    ]);

    let mut operations = BTreeMap::new();
    for op in [
        operation("ListBackups", "list_backups", "List DynamoDB backups that are associated with an Amazon Web Services account and weren't made with Amazon Web Services Backup. To list these backups for a given table, specify `TableName`. `ListBackups` returns a paginated list of results with at most 1 MB worth of items in a page. You can also specify a maximum number of entries to be returned in a page.\n\nIn the request, start time is inclusive, but end time is exclusive. Note that these boundaries are for the time at which the original backup was requested.\n\nYou can call `ListBackups` a maximum of five times per second.", Some("ListBackupsInput"), Some("ListBackupsOutput"), &["InternalServerError"]),
        operation("DescribeBackup", "describe_backup", "Describes an existing backup of a table.\n\nYou can call `DescribeBackup` at a maximum rate of 10 times per second.", Some("DescribeBackupInput"), Some("DescribeBackupOutput"), &["BackupNotFoundException", "InternalServerError"]),
        operation("GetItem", "get_item", "The `GetItem` operation returns a set of attributes for the item with the given primary key. If there is no matching item, `GetItem` does not return any data and there will be no `Item` element in the response.", Some("GetItemInput"), Some("GetItemOutput"), &["ResourceNotFoundException", "RequestLimitExceeded", "InternalServerError"]),
        operation("DescribeTable", "describe_table", "Returns information about the table, including the current status of the table, when it was created, the primary key schema, and any indexes on the table.", Some("DescribeTableInput"), Some("DescribeTableOutput"), &["ResourceNotFoundException", "InternalServerError"]),
        operation("DescribeLimits", "describe_limits", "Returns the current provisioned-capacity quotas for your Amazon Web Services account in a Region.", None, Some("DescribeLimitsOutput"), &["InternalServerError"]),
        operation("TagResource", "tag_resource", "Associate a set of tags with an Amazon DynamoDB resource.", Some("TagResourceInput"), None, &["LimitExceededException", "ResourceNotFoundException", "InternalServerError", "ResourceInUseException"]),
        Operation { deprecated: true, ..operation("SearchBackups", "search_backups", "Not a DynamoDB operation: the fixture's stress test for names, unions and docs.", Some("SearchBackupsInput"), Some("SearchBackupsOutput"), &[]) },
    ] {
        operations.insert(op.name.clone(), op);
    }

    let paginators = BTreeMap::from([(
        "ListBackups".to_owned(),
        Paginator {
            operation: "ListBackups".into(),
            input_token: vec!["ExclusiveStartBackupArn".into()],
            output_token: vec!["LastEvaluatedBackupArn".into()],
            limit_key: Some("Limit".into()),
            result_key: vec!["BackupSummaries".into()],
            more_results: None,
        },
    )]);

    let waiters = BTreeMap::from([
        ("TableExists".to_owned(), Waiter { name: "TableExists".into(), operation: "DescribeTable".into(), delay_seconds: 20, max_attempts: 25, docs: String::new(), ..Default::default() }),
        // Made up: a waiter on an operation without input.
        ("LimitsKnown".to_owned(), Waiter { name: "LimitsKnown".into(), operation: "DescribeLimits".into(), delay_seconds: 5, max_attempts: 3, docs: "Waits until the account's limits are known.".into(), ..Default::default() }),
        ("TableNotExists".to_owned(), Waiter { name: "TableNotExists".into(), operation: "DescribeTable".into(), delay_seconds: 20, max_attempts: 25, docs: String::new(), ..Default::default() }),
    ]);

    Service {
        name: "dynamodb".into(),
        class_name: "DynamoDB".into(),
        full_name: Some("Amazon DynamoDB".into()),
        abbreviation: None,
        uid: Some("dynamodb-2012-08-10".into()),
        api_version: Some("2012-08-10".into()),
        docs: "Amazon DynamoDB is a fully managed NoSQL database service that provides fast and predictable performance with seamless scalability.\n\nWith DynamoDB, you can create database tables that can store and retrieve any amount of data, and serve any level of request traffic.".into(),
        operations,
        shapes: s.0,
        paginators,
        waiters,
        // As in DynamoDB's pages: awsJson 1.0.
        protocol: Some(Protocol {
            kind: ProtocolKind::Json { version: "1.0".into(), target_prefix: "DynamoDB_20120810".into() },
            signing_name: "dynamodb".into(),
            endpoint_prefix: "dynamodb".into(),
            xml_namespace: None,
        }),
    }
}

/// Made-up restJson1 facts on the fixture, to exercise HTTP bindings: ListBackups as
/// `GET /backups` with query and header members, DescribeBackup with a path label.
pub fn with_rest_bindings(mut service: Service) -> Service {
    service.protocol = Some(Protocol { kind: ProtocolKind::RestJson, signing_name: "dynamodb".into(), endpoint_prefix: "dynamodb".into(), xml_namespace: None });
    let bind = |service: &mut Service, op: &str, method: &str, uri: &str, members: &[(&str, Location, &str)]| {
        let operation = service.operations.get_mut(op).expect("fixture operation");
        operation.http = Some(HttpBinding { method: method.into(), uri: uri.into(), response_code: None });
        let input = operation.input.clone().expect("fixture input");
        let Some(Shape { kind: ShapeKind::Structure(s), .. }) = service.shapes.get_mut(&input) else { panic!("{input}") };
        for (member, location, wire) in members {
            let m = s.members.iter_mut().find(|m| m.name == *member).expect("fixture member");
            m.location = Some(*location);
            m.location_name = Some(wire.to_string());
        }
    };
    bind(
        &mut service,
        "ListBackups",
        "GET",
        "/backups",
        &[
            ("ExclusiveStartBackupArn", Location::Query, "startArn"),
            ("Limit", Location::Query, "limit"),
            ("TableName", Location::Header, "X-Table"),
            ("TimeRangeLowerBound", Location::Query, "after"),
        ],
    );
    bind(&mut service, "DescribeBackup", "GET", "/backups/{BackupArn}", &[("BackupArn", Location::Path, "BackupArn")]);
    service
}

/// A service made of names that trip code generators: shapes named like prelude and
/// imported items, members that are keywords or collide after case conversion, odd and
/// repeated enum values, repeated errors and union members, operations whose methods or
/// error enums would take reserved names, paginators and waiters whose names collide, a
/// recursion through every kind of shape, and nesting deeper than the emitter follows.
pub fn hostile() -> Service {
    let mut s = Shapes(BTreeMap::new());
    s.add("Str", "", ShapeKind::String).add("Num", "", ShapeKind::Integer).add("Doc", "", ShapeKind::Document);
    // Shapes named like what the generated modules import or the prelude has.
    let taken = [
        "Result", "Option", "String", "Box", "Self", "self", "Type", "Value", "Vec", "Client", "JsonError", "FromJson",
        "ToJson", "DateTime", "Blob", "BTreeMap", "Call", "Some", "None", "Ok", "Err", "Default", "fmt", "json",
        "Hash", "Hasher", "Ordering",
    ];
    for name in taken {
        s.structure(name, "", vec![member("X", "Str", "")]);
    }
    // Members: keywords, names equal after case conversion, digits, empty, reserved methods.
    s.structure(
        "Keywords",
        "",
        vec![
            required("type", "Str", ""),
            member("Type", "Str", ""),
            member("TYPE", "Num", ""),
            member("self", "Str", ""),
            member("Self", "Str", ""),
            member("match", "Str", ""),
            member("fn", "Str", ""),
            member("async", "Str", ""),
            member("gen", "Str", ""),
            member("", "Str", ""),
            member("--", "Str", ""),
            member("1st", "Str", ""),
            member("new", "Str", ""),
            member("DBName", "Str", ""),
            member("DbName", "Str", ""),
            member("db_name", "Str", ""),
            member("object", "Str", ""),
            member("value", "Doc", ""),
            member("Result", "Result", ""),
            member("Option", "Option", ""),
        ],
    );
    // Enum values: empty, symbols only, keywords, the catch-all's name in every case,
    // digits, separators, values equal after conversion, a value listed twice.
    s.enumeration(
        "Odd",
        &[
            "", "*", "self", "Self", "UNKNOWN", "Unknown", "unknown", "a b", "1.0", "1_0", "10", "t2.micro", "T2Micro",
            "DUP", "DUP", "Odd", "OddValue", "é",
        ],
    );
    // A huge enum, like ec2's instance types.
    let huge: Vec<String> = (0..1200).map(|i| format!("x{}.{}large", i / 10, i % 10)).collect();
    let huge: Vec<&str> = huge.iter().map(String::as_str).collect();
    s.enumeration("Huge", &huge);
    // A union: a member named like the catch-all, a keyword, a repeated member, itself.
    s.union(
        "Choice",
        "",
        vec![
            member("Unknown", "Str", ""),
            member("Self", "Str", ""),
            member("self", "Num", ""),
            member("A", "Str", ""),
            member("A", "Str", ""),
            member("Nested", "Choice", ""),
            member("Pair", "PairA", ""),
        ],
    );
    // Recursion: directly contained structs, through a list, a map, a union.
    s.structure("PairA", "", vec![member("B", "PairB", ""), member("Many", "PairAList", ""), member("ByName", "PairAMap", "")])
        .structure("PairB", "", vec![member("A", "PairA", ""), member("Choice", "Choice", "")])
        .list("PairAList", "PairA")
        .map("PairAMap", "Str", "PairA")
        // A list that contains itself with no structure in between: no finite Rust type.
        .list("Loop", "Loop");
    // Nesting deeper than the emitter follows.
    for depth in 0..40 {
        let inner = if depth == 0 { "Str".to_owned() } else { format!("Deep{}", depth - 1) };
        s.list(&format!("Deep{depth}"), &inner);
    }
    s.structure(
        "Holder",
        "",
        vec![member("Deep", "Deep39", ""), member("Loop", "Loop", ""), member("Odd", "Odd", ""), member("Huge", "Huge", "")],
    );
    s.error("Boom", "Something broke.").error("Transport", "").error("Unhandled", "").error("CallError", "");

    let mut everything: Vec<Member> = taken.iter().map(|n| member(n, n, "")).collect();
    everything.extend([
        member("Keywords", "Keywords", ""),
        member("Choice", "Choice", ""),
        member("Holder", "Holder", ""),
        member("Pair", "PairA", ""),
        member("Items", "PairAList", ""),
        member("NextToken", "Str", ""),
    ]);
    s.structure("Everything", "", everything);
    s.structure("ThingsInput", "", vec![member("NextToken", "Str", ""), member("type", "Str", "")]);
    // A paginator whose token and results sit one structure down (cloudfront's lists).
    s.structure("NestedOutput", "", vec![member("Page", "Everything", "")]);

    let errors: &[&str] = &["Boom", "Boom", "Transport", "Unhandled", "CallError", "Boom"];
    let op = |name: &str, method: &str| operation(name, method, "", Some("ThingsInput"), Some("Everything"), errors);
    let operations = BTreeMap::from([
        ("New".to_owned(), op("New", "new")),
        ("Clone".to_owned(), op("Clone", "clone")),
        ("Type".to_owned(), op("Type", "type")),
        ("Match".to_owned(), op("Match", "")),
        ("Call".to_owned(), op("Call", "call")),
        ("ListThings".to_owned(), op("ListThings", "list_things")),
        ("ListTHINGS".to_owned(), op("ListTHINGS", "list_things")),
        ("ListThingsPages".to_owned(), op("ListThingsPages", "list_things_pages")),
        ("WaitUntilReady".to_owned(), op("WaitUntilReady", "wait_until_ready")),
        ("NoInput".to_owned(), operation("NoInput", "no_input", "", None, None, &[])),
        ("ListNested".to_owned(), operation("ListNested", "list_nested", "", Some("ThingsInput"), Some("NestedOutput"), &[])),
    ]);
    let paginator = |op: &str| Paginator {
        operation: op.into(),
        input_token: vec!["NextToken".into()],
        output_token: vec!["NextToken".into()],
        limit_key: None,
        result_key: vec!["Items".into()],
        more_results: None,
    };
    let paginators = BTreeMap::from([
        ("ListThings".to_owned(), paginator("ListThings")),
        ("ListTHINGS".to_owned(), paginator("ListTHINGS")),
        (
            "ListNested".to_owned(),
            Paginator {
                output_token: vec!["Page.NextToken".into()],
                result_key: vec!["Page.Items".into()],
                ..paginator("ListNested")
            },
        ),
    ]);
    // With an acceptor, so each waiter has its three methods (whose names collide too).
    let any_output = crate::model::Acceptor { state: crate::model::AcceptorState::Success, matcher: crate::model::Matcher::AnyError { expected: false } };
    let waiter = |name: &str| Waiter { name: name.into(), operation: "Type".into(), delay_seconds: 1, max_attempts: 2, docs: String::new(), acceptors: vec![any_output.clone()], ..Default::default() };
    let waiters = BTreeMap::from([
        ("DBReady".to_owned(), waiter("DBReady")),
        ("DbReady".to_owned(), waiter("DbReady")),
        ("Ready".to_owned(), waiter("Ready")),
    ]);
    Service {
        name: "hostile".into(),
        class_name: "Hostile".into(),
        full_name: Some("Hostile <Service> [test]".into()),
        abbreviation: Some("<H>".into()),
        docs: "Names that trip code generators: `Self`, [REQUIRED], <tags>, http://example.com/a_b.".into(),
        operations,
        shapes: s.0,
        paginators,
        waiters,
        ..Default::default()
    }
}
