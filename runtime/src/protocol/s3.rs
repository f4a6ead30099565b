//! S3's own rules beside rest-xml: where the bucket goes (host or path) and the checksum of
//! XML bodies.
//!
//! Addressing follows botocore's `auto` style: a bucket that is a valid DNS label goes into
//! the host (`https://<bucket>.s3.<region>.amazonaws.com/<key>`, virtual-hosted style);
//! otherwise, or when the caller forces path style, or when the endpoint is an IP address or
//! `localhost` (a local S3-compatible server), the bucket stays the first path segment
//! (`https://s3.<region>.amazonaws.com/<bucket>/<key>`).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use md5::{Digest, Md5};
use url::Url;

use super::binding::encode;
use super::{request_error, WireRequest};
use crate::TransportError;

/// Whether a bucket name can be a host label: 3–63 lower-case letters, digits and hyphens,
/// starting and ending with a letter or digit (botocore's `check_dns_name`). Names with dots
/// are valid DNS but break TLS certificate matching, so they stay in the path.
pub fn is_virtual_hostable(bucket: &str) -> bool {
    let bytes = bucket.as_bytes();
    let label = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    (3..=63).contains(&bytes.len())
        && bytes.first().is_some_and(label)
        && bytes.last().is_some_and(label)
        && bytes.iter().all(|b| label(b) || *b == b'-')
}

/// Whether the endpoint's host cannot carry a bucket label: an IP address or `localhost`.
fn is_local_or_ip(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        // `url` writes IPv6 hosts in brackets.
        || host.starts_with('[')
        || host.parse::<std::net::Ipv4Addr>().is_ok()
}

/// The URL of a laid-out request: `endpoint` (without trailing `/`) and the request's path,
/// the bucket moved into the host when virtual-hosted style applies (see the module docs).
pub fn request_url(
    endpoint: &str,
    wire: &WireRequest,
    force_path_style: bool,
) -> Result<String, TransportError> {
    let path_style = format!("{endpoint}{}", wire.path_and_query);
    let Some(bucket) = wire.bucket.as_deref() else {
        return Ok(path_style);
    };
    if force_path_style || !is_virtual_hostable(bucket) {
        return Ok(path_style);
    }
    let url = Url::parse(endpoint)
        .map_err(|e| request_error(format!("invalid endpoint URL `{endpoint}`: {e}")))?;
    let Some(host) = url.host_str() else {
        return Ok(path_style);
    };
    if is_local_or_ip(host) {
        return Ok(path_style);
    }
    let Some(rest) = wire
        .path_and_query
        .strip_prefix(&format!("/{}", encode(bucket)))
    else {
        return Ok(path_style);
    };
    let rest = match rest.chars().next() {
        None => "/".to_string(),
        Some('/') => rest.to_string(),
        Some('?') => format!("/{rest}"),
        // `/{Bucket}suffix`: not a bucket segment after all.
        Some(_) => return Ok(path_style),
    };
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let prefix = url.path().trim_end_matches('/');
    Ok(format!(
        "{}://{bucket}.{host}{port}{prefix}{rest}",
        url.scheme()
    ))
}

/// `Content-MD5`: the base64 of the body's MD5, which S3 requires of DeleteObjects,
/// PutBucketCors, PutBucketLifecycleConfiguration, PutObjectLockConfiguration, … and
/// accepts on every request with a body.
pub fn content_md5(body: &[u8]) -> String {
    BASE64.encode(Md5::digest(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(path_and_query: &str, bucket: Option<&str>) -> WireRequest {
        WireRequest {
            method: "GET",
            path_and_query: path_and_query.to_string(),
            headers: Vec::new(),
            body: Vec::new(),
            bucket: bucket.map(str::to_string),
        }
    }

    #[test]
    fn dns_compatible_bucket_names() {
        for ok in ["abc", "my-bucket-1", "0bucket9", &"a".repeat(63)] {
            assert!(is_virtual_hostable(ok), "{ok}");
        }
        for bad in [
            "ab",
            "My-Bucket",
            "my.bucket",
            "-bucket",
            "bucket-",
            "my_bucket",
            "",
            &"a".repeat(64),
        ] {
            assert!(!is_virtual_hostable(bad), "{bad}");
        }
    }

    #[test]
    fn virtual_hosted_style_by_default() {
        let aws = "https://s3.us-west-2.amazonaws.com";
        let cases = [
            (
                "/my-bucket/photos/a%20b.jpg",
                "https://my-bucket.s3.us-west-2.amazonaws.com/photos/a%20b.jpg",
            ),
            (
                "/my-bucket",
                "https://my-bucket.s3.us-west-2.amazonaws.com/",
            ),
            (
                "/my-bucket?list-type=2&max-keys=1",
                "https://my-bucket.s3.us-west-2.amazonaws.com/?list-type=2&max-keys=1",
            ),
            (
                "/my-bucket/",
                "https://my-bucket.s3.us-west-2.amazonaws.com/",
            ),
        ];
        for (path, url) in cases {
            assert_eq!(
                request_url(aws, &wire(path, Some("my-bucket")), false).unwrap(),
                url
            );
        }
        // A custom endpoint with a host name and a port and path keeps them.
        assert_eq!(
            request_url(
                "http://s3.example.com:9000/base",
                &wire("/b-1/k", Some("b-1")),
                false
            )
            .unwrap(),
            "http://b-1.s3.example.com:9000/base/k"
        );
    }

    #[test]
    fn path_style_when_asked_or_needed() {
        let aws = "https://s3.us-west-2.amazonaws.com";
        let path = |endpoint: &str, path: &str, bucket: &str, force: bool| {
            request_url(endpoint, &wire(path, Some(bucket)), force).unwrap()
        };
        assert_eq!(
            path(aws, "/my-bucket/k", "my-bucket", true),
            "https://s3.us-west-2.amazonaws.com/my-bucket/k"
        );
        assert_eq!(
            path(aws, "/my.bucket/k", "my.bucket", false),
            "https://s3.us-west-2.amazonaws.com/my.bucket/k"
        );
        assert_eq!(
            path(aws, "/My_Bucket/k", "My_Bucket", false),
            "https://s3.us-west-2.amazonaws.com/My_Bucket/k"
        );
        for local in [
            "http://127.0.0.1:5000",
            "http://localhost:4566",
            "http://[::1]:9000",
            "http://s3.localhost",
        ] {
            assert_eq!(
                path(local, "/my-bucket/k", "my-bucket", false),
                format!("{local}/my-bucket/k")
            );
        }
        // Requests without a bucket (ListBuckets) are unchanged.
        assert_eq!(
            request_url(aws, &wire("/", None), false).unwrap(),
            "https://s3.us-west-2.amazonaws.com/"
        );
    }

    #[test]
    fn md5_of_the_body() {
        // Python: `base64.b64encode(hashlib.md5(b"<Delete/>").digest())`.
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(content_md5(b"<Delete/>"), "ePbrFwvNFIRnzBrIv+T8Ag==");
    }
}
