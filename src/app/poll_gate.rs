//! A shared bound on operation polling: however many operations run, at most `SLOTS` polls are
//! in flight and each holds its slot at least `MIN_HOLD`, so the rate stays under
//! `SLOTS / MIN_HOLD` calls a second.

use std::{sync::Arc, time::Duration};

use tokio::sync::Semaphore;

const SLOTS: usize = 4;
const MIN_HOLD: Duration = Duration::from_millis(100);

/// Cloned into every poll task of one runtime.
#[derive(Clone, Debug)]
pub struct PollGate(Arc<Semaphore>);

impl Default for PollGate {
    fn default() -> Self {
        Self(Arc::new(Semaphore::new(SLOTS)))
    }
}

impl PollGate {
    /// Runs `poll` inside a slot; the slot is held at least `MIN_HOLD`.
    pub async fn run<T>(&self, poll: impl Future<Output = T>) -> T {
        // The semaphore is never closed, so acquiring only waits.
        let _slot = self.0.acquire().await;
        let held = tokio::time::sleep(MIN_HOLD);
        let result = poll.await;
        held.await;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_slots_at_once() {
        let gate = PollGate::default();
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (gate, inside, most) = (gate.clone(), inside.clone(), most.clone());
                tokio::spawn(async move {
                    gate.run(async {
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        tokio::task::yield_now().await;
                        inside.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await;
                })
            })
            .collect();
        let started = tokio::time::Instant::now();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), SLOTS);
        // 20 polls through 4 slots of at least 100 ms each: five rounds on the paused clock.
        assert!(started.elapsed() >= MIN_HOLD * 5);
    }
}
