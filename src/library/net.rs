//! All of lede's network access: one blocking HTTP GET with the limits a program fetching
//! untrusted servers needs. Nothing else in lede opens a connection; everything that
//! fetches takes a [`Fetcher`], so tests point it at a server on 127.0.0.1.
//!
//! HTTP is ureq's (rustls for TLS); gzip is decoded by ureq, deflate by flate2, and the
//! size limit counts the decoded bytes, so a compression bomb stops at the limit.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use ureq::ResponseExt;
use ureq::http::{HeaderMap, StatusCode, header};

use super::address::{self, WebAddress};

/// The limits of a [`Fetcher`].
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest a whole request may take, body included (a server sending a byte a second
    /// is cut off here).
    pub timeout: Duration,
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Largest response body, after decompression.
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Requests to one host at the same time.
    pub per_host: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 16 << 20,
            max_redirects: 5,
            per_host: 2,
        }
    }
}

/// ETag and Last-Modified of a response, sent back to ask "has it changed?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response body and what came with it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The address it came from, after redirects.
    pub url: WebAddress,
    pub bytes: Vec<u8>,
    /// The media type (`application/rss+xml`), lower case, without parameters.
    pub media_type: Option<String>,
    /// The `charset` parameter of the Content-Type, when given.
    pub charset: Option<String>,
    pub validators: Validators,
}

/// What a GET gave.
#[derive(Debug, Clone)]
pub enum Fetched {
    Page(Box<Page>),
    /// 304: unchanged since the validators sent.
    NotModified,
}

/// Why a GET gave nothing, in terms the caller acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// 404 or 410: the address no longer exists.
    Gone(u16),
    /// 429 or 503: the server asks to come back later (after `retry_after`, if it says).
    SlowDown {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// Any other status that is not a success.
    Status(u16),
    TooLarge(u64),
    Timeout,
    TooManyRedirects,
    /// An address lede does not fetch (`file://`, `ftp://`, no host…).
    Refused(String),
    /// Anything else on the way (DNS, connection refused, TLS, a broken response).
    Network(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Gone(status) => write!(f, "gone (HTTP {status})"),
            FetchError::SlowDown {
                status,
                retry_after,
            } => {
                write!(f, "server busy (HTTP {status})")?;
                match retry_after {
                    Some(wait) => write!(f, ", asks to wait {}", human_duration(*wait)),
                    None => Ok(()),
                }
            }
            FetchError::Status(status) => write!(f, "HTTP {status}"),
            FetchError::TooLarge(limit) => write!(f, "response larger than {} MB", limit >> 20),
            FetchError::Timeout => f.write_str("timed out"),
            FetchError::TooManyRedirects => f.write_str("too many redirects"),
            FetchError::Refused(reason) => f.write_str(reason),
            FetchError::Network(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for FetchError {}

/// "90 s", "5 min", "2 h".
pub fn human_duration(wait: Duration) -> String {
    let secs = wait.as_secs();
    match secs {
        0..=119 => format!("{secs} s"),
        120..=7199 => format!("{} min", secs / 60),
        _ => format!("{} h", secs / 3600),
    }
}

/// A blocking HTTP client, shared by the threads of an update (it is `Sync`). At most
/// [`Limits::per_host`] requests go to one host at a time, whoever asks.
pub struct Fetcher {
    agent: ureq::Agent,
    limits: Limits,
    hosts: HostSlots,
}

const USER_AGENT: &str = concat!("lede/", env!("CARGO_PKG_VERSION"), " (news reader)");

impl Fetcher {
    pub fn new(limits: Limits) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(limits.max_redirects)
            .timeout_global(Some(limits.timeout))
            .timeout_connect(Some(limits.connect_timeout))
            .user_agent(USER_AGENT)
            .accept_encoding("gzip, deflate")
            .max_idle_connections_per_host(limits.per_host)
            .build()
            .new_agent();
        Fetcher {
            agent,
            hosts: HostSlots::new(limits.per_host.max(1)),
            limits,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// GETs `url`, asking with `validators` whether it changed. `accept` is the Accept
    /// header (what kind of document is wanted).
    pub fn get(
        &self,
        url: &WebAddress,
        validators: &Validators,
        accept: &str,
    ) -> Result<Fetched, FetchError> {
        let _slot = self.hosts.take(url.host());
        let mut request = self.agent.get(url.as_str()).header("Accept", accept);
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.error(e))?;
        let status = response.status();
        let final_url = address::parse(&response.get_uri().to_string()).map_err(|reason| {
            FetchError::Refused(format!(
                "redirected to an address lede does not fetch: {reason}"
            ))
        })?;
        match status {
            StatusCode::NOT_MODIFIED => return Ok(Fetched::NotModified),
            StatusCode::NOT_FOUND | StatusCode::GONE => {
                return Err(FetchError::Gone(status.as_u16()));
            }
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                return Err(FetchError::SlowDown {
                    status: status.as_u16(),
                    retry_after: retry_after(response.headers()),
                });
            }
            s if !s.is_success() => return Err(FetchError::Status(s.as_u16())),
            _ => {}
        }
        let headers = response.headers().clone();
        let body = response.body_mut();
        let media_type = body.mime_type().map(str::to_ascii_lowercase);
        let charset = body.charset().map(str::to_ascii_lowercase);
        let limit = self.limits.max_bytes;
        let raw = body
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| self.error(e))?;
        let bytes = if is_deflate(&headers) {
            inflate(&raw, limit)?
        } else {
            raw
        };
        let text = |name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        Ok(Fetched::Page(Box::new(Page {
            url: final_url,
            bytes,
            media_type,
            charset,
            validators: Validators {
                etag: text(header::ETAG),
                last_modified: text(header::LAST_MODIFIED),
            },
        })))
    }

    fn error(&self, err: ureq::Error) -> FetchError {
        match err {
            ureq::Error::Timeout(_) => FetchError::Timeout,
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.limits.max_bytes),
            ureq::Error::HostNotFound => FetchError::Network("host not found".to_string()),
            ureq::Error::BadUri(reason) => FetchError::Refused(format!("bad address: {reason}")),
            ureq::Error::Io(io) => match io.kind() {
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    FetchError::Timeout
                }
                std::io::ErrorKind::ConnectionRefused => {
                    FetchError::Network("connection refused".to_string())
                }
                _ => FetchError::Network(format!("network error: {io}")),
            },
            other => FetchError::Network(other.to_string()),
        }
    }
}

fn is_deflate(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("deflate"))
}

/// A deflate body: zlib-wrapped as the standard says, or raw as some servers send it.
fn inflate(raw: &[u8], limit: u64) -> Result<Vec<u8>, FetchError> {
    let zlib = read_limited(flate2::read::ZlibDecoder::new(raw), limit);
    match zlib {
        Ok(bytes) => Ok(bytes),
        Err(FetchError::TooLarge(n)) => Err(FetchError::TooLarge(n)),
        Err(_) => read_limited(flate2::read::DeflateDecoder::new(raw), limit),
    }
}

fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| FetchError::Network(format!("bad deflate body: {e}")))?;
    if out.len() as u64 > limit {
        return Err(FetchError::TooLarge(limit));
    }
    Ok(out)
}

/// Longest wait honoured from a Retry-After header.
const RETRY_AFTER_MAX: Duration = Duration::from_secs(7 * 24 * 3600);

/// Retry-After as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            let secs = when.timestamp() - super::now_unix();
            Duration::from_secs(u64::try_from(secs).ok()?)
        }
    };
    Some(wait.min(RETRY_AFTER_MAX))
}

/// Counts requests in flight per host; `take` waits while a host has its share.
struct HostSlots {
    per_host: usize,
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

struct Slot<'a> {
    slots: &'a HostSlots,
    host: String,
}

impl HostSlots {
    fn new(per_host: usize) -> HostSlots {
        HostSlots {
            per_host,
            busy: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    fn take(&self, host: &str) -> Slot<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        while busy.get(host).copied().unwrap_or(0) >= self.per_host {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy.entry(host.to_string()).or_insert(0) += 1;
        Slot {
            slots: self,
            host: host.to_string(),
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self.slots.busy.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = busy.get_mut(&self.host) {
            *count -= 1;
            if *count == 0 {
                busy.remove(&self.host);
            }
        }
        self.slots.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn host_slots_bound_requests_per_host() {
        let slots = Arc::new(HostSlots::new(2));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..8 {
                let (slots, in_flight, most) = (&slots, &in_flight, &most);
                scope.spawn(move || {
                    let _slot = slots.take("example.com");
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(10));
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
        assert!(slots.busy.lock().unwrap().is_empty());
    }

    #[test]
    fn deflate_both_ways_and_bounded() {
        use flate2::Compression;
        use std::io::Write;
        let text = b"hello hello hello";
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(text).unwrap();
        assert_eq!(inflate(&zlib.finish().unwrap(), 100).unwrap(), text);
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(text).unwrap();
        let raw = raw.finish().unwrap();
        assert_eq!(inflate(&raw, 100).unwrap(), text);
        assert_eq!(inflate(&raw, 5), Err(FetchError::TooLarge(5)));
    }

    #[test]
    fn durations_for_people() {
        assert_eq!(human_duration(Duration::from_secs(90)), "90 s");
        assert_eq!(human_duration(Duration::from_secs(600)), "10 min");
        assert_eq!(human_duration(Duration::from_secs(7200)), "2 h");
    }
}
