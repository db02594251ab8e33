//! Searching off the UI thread: a worker thread owns the [`Session`]; the UI submits
//! each edit of the prompt and receives updates over a channel. A newer query cancels
//! the running one; each query first sends its first screen, then (unless a newer query
//! came) its complete results.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::engine::CancelSource;
use super::index::Index;
use super::session::{Results, Session};

/// What the worker sends back.
pub struct SearchUpdate {
    /// The number [`SearchWorker::submit`] returned for this query: drop updates older
    /// than the last query submitted.
    pub generation: u64,
    pub input: String,
    /// First the first screen (`results.is_complete()` false, unless it was cheap to
    /// finish), then the complete results.
    pub results: Results,
}

/// The handle the UI keeps. Dropping it stops the worker.
pub struct SearchWorker {
    queries: Option<Sender<(u64, String)>>,
    cancel: CancelSource,
    generation: u64,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Starts a worker over `index`.
    pub fn spawn(index: Arc<Index>) -> (SearchWorker, Receiver<SearchUpdate>) {
        let (query_tx, query_rx) = mpsc::channel::<(u64, String)>();
        let (update_tx, update_rx) = mpsc::channel();
        let cancel = CancelSource::new();
        let worker_cancel = cancel.clone();
        let thread = std::thread::spawn(move || {
            let mut session = Session::new(index);
            while let Ok(mut next) = query_rx.recv() {
                // Only the newest of the queries waiting matters.
                while let Ok(newer) = query_rx.try_recv() {
                    next = newer;
                }
                let (generation, input) = next;
                let token = worker_cancel.token_for(generation);
                let Some(first) = session.first_screen(&input, &token) else {
                    continue;
                };
                let complete = first.is_complete();
                let sent = update_tx.send(SearchUpdate {
                    generation,
                    input: input.clone(),
                    results: first,
                });
                if sent.is_err() {
                    return;
                }
                if complete {
                    continue;
                }
                if let Some(results) = session.search(&input, &token) {
                    let update = SearchUpdate {
                        generation,
                        input,
                        results,
                    };
                    if update_tx.send(update).is_err() {
                        return;
                    }
                }
            }
        });
        let worker = SearchWorker {
            queries: Some(query_tx),
            cancel,
            generation: 0,
            thread: Some(thread),
        };
        (worker, update_rx)
    }

    /// Searches `input`, cancelling the query before it. Returns its generation.
    pub fn submit(&mut self, input: &str) -> u64 {
        self.generation = self.cancel.advance();
        if let Some(queries) = &self.queries {
            // A send fails only if the worker is gone; the UI then gets no updates.
            let _ = queries.send((self.generation, input.to_string()));
        }
        self.generation
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        self.cancel.cancel_all();
        self.queries = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use std::time::Duration;

    #[test]
    fn the_last_query_gets_complete_results() {
        let index = Arc::new(Index::build(&Corpus::seeds()));
        let (mut worker, updates) = SearchWorker::spawn(index);
        worker.submit("sto");
        worker.submit("stol");
        let last = worker.submit("stoltenberg");
        loop {
            let update = updates
                .recv_timeout(Duration::from_secs(30))
                .expect("an update");
            if update.generation == last && update.results.is_complete() {
                assert_eq!(update.input, "stoltenberg");
                assert!(!update.results.is_empty());
                break;
            }
        }
    }
}
