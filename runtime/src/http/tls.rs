//! Which rustls crypto provider the HTTP clients use, chosen by cargo feature:
//!
//! - `rustls-aws-lc` (default): reqwest's own choice, aws-lc-rs. Its `aws-lc-sys` compiles
//!   AWS-LC's C sources: more than half of a cold build of a program using this runtime.
//! - `rustls-ring`: rustls over `ring` (a far shorter build). The TLS configuration is
//!   built here as reqwest builds its own: the platform's certificate verifier, rustls's
//!   safe default protocol versions.
//!
//! A provider installed for the process (`rustls::crypto::CryptoProvider::install_default`)
//! wins over both. With neither feature and none installed, building a transport fails
//! with an error saying so (reqwest itself would panic).

use crate::TransportError;

#[cfg(any(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
fn tls_error(message: impl Into<String>) -> TransportError {
    TransportError::new(crate::TransportErrorKind::Other, message)
}

/// A reqwest client builder with the TLS provider chosen by feature.
pub(crate) fn client_builder() -> Result<reqwest::ClientBuilder, TransportError> {
    let builder = reqwest::Client::builder();
    if rustls::crypto::CryptoProvider::get_default().is_some() {
        // reqwest uses the process's provider itself.
        return Ok(builder);
    }
    #[cfg(feature = "rustls-ring")]
    {
        ring_builder(builder)
    }
    #[cfg(all(not(feature = "rustls-ring"), feature = "rustls-aws-lc"))]
    {
        Ok(builder)
    }
    #[cfg(not(any(feature = "rustls-ring", feature = "rustls-aws-lc")))]
    {
        let _ = builder;
        Err(tls_error(
            "no TLS crypto provider: enable awsdoc-runtime's feature `rustls-aws-lc` (default) \
             or `rustls-ring`, or install one with rustls::crypto::CryptoProvider::install_default \
             before building the transport",
        ))
    }
}

/// rustls over ring, verifying servers with the platform's roots (as reqwest does).
#[cfg(feature = "rustls-ring")]
fn ring_builder(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, TransportError> {
    use std::sync::Arc;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|e| tls_error(format!("cannot load the platform's TLS roots: {e}")))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(format!("cannot configure TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(builder.tls_backend_preconfigured(config))
}

/// The crypto provider in use, for the tests and the notes: `aws-lc-rs`, `ring`,
/// `process default` or `none`.
pub fn tls_provider() -> &'static str {
    if rustls::crypto::CryptoProvider::get_default().is_some() {
        "process default"
    } else if cfg!(feature = "rustls-ring") {
        "ring"
    } else if cfg!(feature = "rustls-aws-lc") {
        "aws-lc-rs"
    } else {
        "none"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_builds_with_the_provider_the_features_chose() {
        let built = client_builder().and_then(|b| {
            b.build().map_err(|e| {
                TransportError::new(crate::TransportErrorKind::Other, e.to_string())
            })
        });
        if cfg!(any(feature = "rustls-ring", feature = "rustls-aws-lc")) {
            assert!(built.is_ok(), "{:?}", built.err());
        } else {
            assert!(built.unwrap_err().message.contains("no TLS crypto provider"));
        }
        let expected = if cfg!(feature = "rustls-ring") {
            "ring"
        } else if cfg!(feature = "rustls-aws-lc") {
            "aws-lc-rs"
        } else {
            "none"
        };
        assert_eq!(tls_provider(), expected);
    }
}
