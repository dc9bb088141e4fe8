//! `TokenKeeper`: keeps a `Cloud`'s IAM token fresh. It refreshes in the background well before
//! expiry, and installs the hook a call runs once after UNAUTHENTICATED. Nobody waits on a
//! refresh they did not ask for: calls keep using the current token while a new one is fetched.

use std::{
    future::Future,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, SystemTime},
};

use tokio::{sync::watch, task::JoinHandle};

use super::{AuthError, IssuedToken, Provider, Secret};
use crate::api::{Cloud, TokenRefresh};

/// Refresh at least this often, whatever the token's lifetime.
const MAX_REFRESH_INTERVAL: Duration = Duration::from_secs(3600);
/// Never refresh more often than this, even for tokens that claim to expire at once.
const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(1);
/// Pause before trying again after a failed background refresh.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(30);

/// When to refresh a token that has `lifetime` left: at 90% of it, at least hourly.
pub fn refresh_delay(lifetime: Duration) -> Duration {
    lifetime
        .mul_f64(0.9)
        .clamp(MIN_REFRESH_INTERVAL, MAX_REFRESH_INTERVAL)
}

struct Shared {
    provider: Provider,
    source_name: String,
    /// The client without the hook, so the hook never calls itself.
    cloud: Cloud,
    /// One refresh at a time.
    refreshing: tokio::sync::Mutex<()>,
    current: Mutex<Option<IssuedToken>>,
    on_demand: AtomicU64,
    generation: watch::Sender<u64>,
}

impl Shared {
    /// Fetches a token and installs it; skipped when `rejected` is no longer the current token
    /// (someone else refreshed while this caller waited).
    async fn refresh(&self, rejected: Option<&Secret>) -> Result<(), AuthError> {
        let _one_at_a_time = self.refreshing.lock().await;
        if let Some(rejected) = rejected
            && self.cloud.token().as_ref() != Some(rejected)
        {
            return Ok(());
        }
        let issued = self.provider.fetch(&self.cloud, &self.source_name).await?;
        tracing::debug!(
            source = %self.source_name,
            token = %issued.token.fingerprint(),
            "new IAM token"
        );
        self.cloud.set_token(Some(issued.token.clone()));
        if let Ok(mut current) = self.current.lock() {
            *current = Some(issued);
        }
        self.generation.send_modify(|g| *g += 1);
        Ok(())
    }

    fn current(&self) -> Option<IssuedToken> {
        self.current.lock().ok().and_then(|c| c.clone())
    }
}

struct Hook(Arc<Shared>);

impl TokenRefresh for Hook {
    fn refresh<'a>(
        &'a self,
        rejected: Option<&'a Secret>,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
        Box::pin(async move {
            self.0.on_demand.fetch_add(1, Ordering::Relaxed);
            self.0.refresh(rejected).await.map_err(|e| e.to_string())
        })
    }
}

/// Owns the background refresh; dropping it stops the background task (the hook stays).
pub struct TokenKeeper {
    shared: Arc<Shared>,
    task: Option<JoinHandle<()>>,
}

impl TokenKeeper {
    /// Gets the first token (an error here means the credentials do not work), installs it in
    /// `cloud`, and for exchanged tokens starts the background refresh and the UNAUTHENTICATED hook.
    pub async fn start(
        cloud: &Cloud,
        provider: Provider,
        source_name: String,
    ) -> Result<Self, AuthError> {
        let refreshable = provider.refreshable();
        let shared = Arc::new(Shared {
            provider,
            source_name,
            cloud: cloud.without_refresh_hook(),
            refreshing: tokio::sync::Mutex::new(()),
            current: Mutex::new(None),
            on_demand: AtomicU64::new(0),
            generation: watch::channel(0).0,
        });
        shared.refresh(None).await?;
        let task = refreshable.then(|| {
            cloud.set_refresh_hook(Some(Arc::new(Hook(shared.clone()))));
            tokio::spawn(background(shared.clone()))
        });
        Ok(Self { shared, task })
    }

    /// The current token's expiry, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.shared.current().and_then(|t| t.expires_at)
    }

    /// The current token (for its fingerprint; never print it).
    pub fn token(&self) -> Option<Secret> {
        self.shared.current().map(|t| t.token)
    }

    /// Gets a new token now.
    pub async fn refresh_now(&self) -> Result<(), AuthError> {
        self.shared.refresh(None).await
    }

    /// How many refreshes calls asked for after UNAUTHENTICATED.
    pub fn on_demand_refreshes(&self) -> u64 {
        self.shared.on_demand.load(Ordering::Relaxed)
    }

    /// Changes each time a new token is installed.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.shared.generation.subscribe()
    }
}

impl Drop for TokenKeeper {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

async fn background(shared: Arc<Shared>) {
    loop {
        let lifetime = shared
            .current()
            .and_then(|t| t.lifetime(SystemTime::now()))
            .unwrap_or(MAX_REFRESH_INTERVAL);
        tokio::time::sleep(refresh_delay(lifetime)).await;
        while let Err(e) = shared.refresh(None).await {
            tracing::warn!(error = %e, "background token refresh failed; trying again in 30 s");
            tokio::time::sleep(RETRY_AFTER_FAILURE).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refreshes_at_ninety_percent_at_least_hourly() {
        assert_eq!(
            refresh_delay(Duration::from_secs(100)),
            Duration::from_secs(90)
        );
        assert_eq!(
            refresh_delay(Duration::from_secs(12 * 3600)),
            MAX_REFRESH_INTERVAL
        );
        assert_eq!(refresh_delay(Duration::ZERO), MIN_REFRESH_INTERVAL);
    }
}
