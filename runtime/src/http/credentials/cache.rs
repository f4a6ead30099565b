//! Caches a provider's credentials until shortly before they expire.
//!
//! Why: the providers behind the chain are network calls (IMDS, ECS, STS, the SSO portal)
//! or a process, far too slow to run per request. Credentials without an expiry are kept
//! forever; those with one are fetched again once they are within the refresh window
//! (5 minutes by default, as in the SDKs) of expiring, so that a request is never signed
//! with credentials that run out on the way. Concurrent callers share one fetch: the
//! first takes the refresh lock, the others wait for it and then find fresh credentials.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::{future, ProvideCredentials};

use super::{error_text, failed, AwsCredentials, CredentialsError};

/// How long before expiry credentials are fetched again (the SDKs' default).
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);
/// How long one fetch may take in all (process, STS, SSO included).
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// A provider behind a cache: cheap to clone (clones share the cache).
#[derive(Clone)]
pub struct CredentialsCache {
    inner: Arc<Inner>,
}

struct Inner {
    provider: Arc<dyn ProvideCredentials>,
    cached: RwLock<Option<AwsCredentials>>,
    /// Held while fetching, so that concurrent callers fetch once.
    refresh: tokio::sync::Mutex<()>,
    refresh_window: Duration,
    load_timeout: Duration,
}

impl fmt::Debug for CredentialsCache {
    // The provider's Debug (the chain's describes its sources); never the credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsCache")
            .field("provider", &self.inner.provider)
            .field("refresh_window", &self.inner.refresh_window)
            .finish_non_exhaustive()
    }
}

impl CredentialsCache {
    /// Caches `provider`'s credentials with the default refresh window (5 minutes).
    pub fn new(provider: impl ProvideCredentials + 'static) -> Self {
        Self::with_refresh_window(provider, DEFAULT_REFRESH_WINDOW)
    }

    /// Caches `provider`'s credentials, fetching again `refresh_window` before they expire.
    pub fn with_refresh_window(
        provider: impl ProvideCredentials + 'static,
        refresh_window: Duration,
    ) -> Self {
        Self::from_shared(Arc::new(provider), refresh_window)
    }

    pub(crate) fn from_shared(
        provider: Arc<dyn ProvideCredentials>,
        refresh_window: Duration,
    ) -> Self {
        CredentialsCache {
            inner: Arc::new(Inner {
                provider,
                cached: RwLock::new(None),
                refresh: tokio::sync::Mutex::new(()),
                refresh_window,
                load_timeout: LOAD_TIMEOUT,
            }),
        }
    }

    /// The cached credentials while they are fresh, else newly fetched ones.
    ///
    /// When a refresh fails but the cached credentials have not expired yet, those are
    /// used (and the failure logged): a metadata service's hiccup a few minutes before
    /// expiry should not fail calls that can still be signed.
    pub async fn credentials(&self) -> Result<AwsCredentials, CredentialsError> {
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        let _refreshing = self.inner.refresh.lock().await;
        // Another caller may have refreshed while this one waited.
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        let fetched = tokio::time::timeout(
            self.inner.load_timeout,
            self.inner.provider.provide_credentials(),
        )
        .await
        .unwrap_or_else(|_| {
            Err(failed(
                "credentials",
                format!(
                    "the provider gave no answer within {:?} ({:?})",
                    self.inner.load_timeout, self.inner.provider
                ),
            ))
        });
        match fetched {
            Ok(credentials) => {
                tracing::debug!(
                    provider = ?self.inner.provider,
                    expires_in = ?credentials.expiry().and_then(|e| e.duration_since(SystemTime::now()).ok()),
                    "fetched credentials"
                );
                *self.inner.cached.write().unwrap_or_else(|e| e.into_inner()) =
                    Some(credentials.clone());
                Ok(credentials)
            }
            Err(error) => match self.cached().filter(|c| !expired(c, Duration::ZERO)) {
                Some(still_valid) => {
                    tracing::warn!(
                        error = %error_text(&error),
                        "refreshing credentials failed; using the cached ones until they expire"
                    );
                    Ok(still_valid)
                }
                None => Err(error),
            },
        }
    }

    fn cached(&self) -> Option<AwsCredentials> {
        self.inner
            .cached
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn fresh(&self) -> Option<AwsCredentials> {
        self.cached()
            .filter(|c| !expired(c, self.inner.refresh_window))
    }
}

/// Whether credentials expire within `window` from now (never, without an expiry).
fn expired(credentials: &AwsCredentials, window: Duration) -> bool {
    credentials
        .expiry()
        .is_some_and(|expiry| {
            // A window too large to add is "always within it".
            SystemTime::now()
                .checked_add(window)
                .is_none_or(|limit| expiry <= limit)
        })
}

impl ProvideCredentials for CredentialsCache {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.credentials())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Hands out credentials that expire `lifetime` after each fetch, counting fetches.
    #[derive(Debug)]
    struct Counting {
        fetches: Arc<AtomicU32>,
        lifetime: Option<Duration>,
        delay: Duration,
        fail_after_first: bool,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            future::ProvideCredentials::new(async move {
                tokio::time::sleep(self.delay).await;
                let n = self.fetches.fetch_add(1, Ordering::SeqCst);
                if self.fail_after_first && n > 0 {
                    return Err(failed("test", "down"));
                }
                Ok(AwsCredentials::new(
                    format!("AKID{n}"),
                    "secret",
                    None,
                    self.lifetime.map(|l| SystemTime::now() + l),
                    "test",
                ))
            })
        }
    }

    fn counting(lifetime: Option<Duration>) -> (CredentialsCache, Arc<AtomicU32>) {
        let fetches = Arc::new(AtomicU32::new(0));
        let cache = CredentialsCache::new(Counting {
            fetches: fetches.clone(),
            lifetime,
            delay: Duration::from_millis(20),
            fail_after_first: false,
        });
        (cache, fetches)
    }

    #[tokio::test]
    async fn static_and_long_lived_credentials_are_fetched_once() {
        for lifetime in [None, Some(Duration::from_secs(3600))] {
            let (cache, fetches) = counting(lifetime);
            for _ in 0..3 {
                assert_eq!(cache.credentials().await.unwrap().access_key_id(), "AKID0");
            }
            assert_eq!(fetches.load(Ordering::SeqCst), 1, "{lifetime:?}");
        }
    }

    #[tokio::test]
    async fn credentials_within_the_refresh_window_are_fetched_again() {
        let (cache, fetches) = counting(Some(Duration::from_secs(120)));
        assert_eq!(cache.credentials().await.unwrap().access_key_id(), "AKID0");
        assert_eq!(cache.credentials().await.unwrap().access_key_id(), "AKID1");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);

        let fetches = Arc::new(AtomicU32::new(0));
        let short_window = CredentialsCache::with_refresh_window(
            Counting {
                fetches: fetches.clone(),
                lifetime: Some(Duration::from_secs(120)),
                delay: Duration::ZERO,
                fail_after_first: false,
            },
            Duration::from_secs(60),
        );
        short_window.credentials().await.unwrap();
        short_window.credentials().await.unwrap();
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_callers_share_one_fetch() {
        let (cache, fetches) = counting(Some(Duration::from_secs(3600)));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { cache.credentials().await.unwrap() })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().access_key_id(), "AKID0");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_unexpired_credentials_but_not_expired_ones() {
        let fetches = Arc::new(AtomicU32::new(0));
        let cache = CredentialsCache::new(Counting {
            fetches: fetches.clone(),
            lifetime: Some(Duration::from_secs(120)),
            delay: Duration::ZERO,
            fail_after_first: true,
        });
        cache.credentials().await.unwrap();
        // Within the window, the refresh fails: the old credentials still sign.
        assert_eq!(cache.credentials().await.unwrap().access_key_id(), "AKID0");
        assert_eq!(fetches.load(Ordering::SeqCst), 2);

        let fetches = Arc::new(AtomicU32::new(0));
        let expired_cache = CredentialsCache::new(Counting {
            fetches,
            lifetime: Some(Duration::ZERO),
            delay: Duration::ZERO,
            fail_after_first: true,
        });
        expired_cache.credentials().await.unwrap();
        let error = expired_cache.credentials().await.unwrap_err();
        assert_eq!(error_text(&error), "test: down");
    }

    #[tokio::test]
    async fn a_hanging_provider_times_out_with_a_clear_error() {
        let fetches = Arc::new(AtomicU32::new(0));
        let mut cache = CredentialsCache::new(Counting {
            fetches,
            lifetime: None,
            delay: Duration::from_secs(10),
            fail_after_first: false,
        });
        Arc::get_mut(&mut cache.inner).unwrap().load_timeout = Duration::from_millis(50);
        let error = cache.credentials().await.unwrap_err();
        assert!(error_text(&error).contains("no answer within"), "{}", error_text(&error));
    }
}
