//! A web server on 127.0.0.1 for the feed tests and the update benchmark: each path
//! answers as its route says (a body, a status, a slow trickle, an endless body…), and
//! every request is logged. Never reaches beyond the loopback address.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Response, Server, StatusCode};

/// How a path answers.
#[derive(Clone)]
pub enum Route {
    /// 200 with this body and these extra headers; a request whose If-None-Match equals
    /// the ETag header given here gets 304.
    Body {
        body: Vec<u8>,
        headers: Vec<(String, String)>,
    },
    Status {
        status: u16,
        headers: Vec<(String, String)>,
    },
    /// 200, one byte a second, `bytes` bytes.
    Trickle { bytes: usize },
    /// 200 with a body of `bytes` bytes, streamed (never held in memory).
    Endless { bytes: u64 },
    /// A redirect to `to`.
    Redirect { to: String },
}

impl Route {
    pub fn body(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route::Body {
            body: body.into(),
            headers: vec![("Content-Type".into(), content_type.into())],
        }
    }

    pub fn rss(body: impl Into<Vec<u8>>) -> Route {
        Route::body("application/rss+xml", body)
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Route {
        Route::body("text/html; charset=utf-8", body)
    }

    pub fn status(status: u16) -> Route {
        Route::Status {
            status,
            headers: Vec::new(),
        }
    }

    /// Adds a header to a body or status route.
    pub fn with_header(mut self, name: &str, value: &str) -> Route {
        if let Route::Body { headers, .. } | Route::Status { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

pub struct TestServer {
    server: Arc<Server>,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    pub log: Arc<Mutex<Vec<Seen>>>,
    pub base: String,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// A server on 127.0.0.1 (any free port), answering after `delay(path)`.
    pub fn start_with_delay(
        ip: &str,
        delay: impl Fn(&str) -> Duration + Send + Sync + 'static,
    ) -> TestServer {
        let server = Arc::new(Server::http(format!("{ip}:0")).expect("bind loopback"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let delay = Arc::new(delay);
        let thread = {
            let (server, routes, log) = (server.clone(), routes.clone(), log.clone());
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let (routes, log, delay) = (routes.clone(), log.clone(), delay.clone());
                    std::thread::spawn(move || answer(request, &routes, &log, &*delay));
                }
            })
        };
        TestServer {
            server,
            routes,
            log,
            base: format!("http://{ip}:{port}"),
            thread: Some(thread),
        }
    }

    pub fn start() -> TestServer {
        TestServer::start_with_delay("127.0.0.1", |_| Duration::ZERO)
    }

    pub fn route(&self, path: &str, route: Route) -> String {
        self.routes.lock().unwrap().insert(path.to_string(), route);
        self.url(path)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The requests made for `path`.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn answer(
    request: tiny_http::Request,
    routes: &Mutex<HashMap<String, Route>>,
    log: &Mutex<Vec<Seen>>,
    delay: &(dyn Fn(&str) -> Duration + Send + Sync),
) {
    let path = request.url().to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|h| (h.field.to_string(), h.value.to_string()))
        .collect();
    log.lock().unwrap().push(Seen {
        path: path.clone(),
        headers: headers.clone(),
    });
    std::thread::sleep(delay(&path));
    let route = routes.lock().unwrap().get(&path).cloned();
    let sent = match route {
        None => request.respond(Response::empty(StatusCode(404))),
        Some(Route::Body {
            body,
            headers: extra,
        }) => {
            let etag = extra.iter().find(|(n, _)| n.eq_ignore_ascii_case("etag"));
            let asked = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("if-none-match"));
            if let (Some((_, etag)), Some((_, asked))) = (etag, asked)
                && etag == asked
            {
                request.respond(Response::empty(StatusCode(304)))
            } else {
                let mut response = Response::from_data(body);
                for (name, value) in &extra {
                    response.add_header(header(name, value));
                }
                request.respond(response)
            }
        }
        Some(Route::Status {
            status,
            headers: extra,
        }) => {
            let mut response = Response::empty(StatusCode(status));
            for (name, value) in &extra {
                response.add_header(header(name, value));
            }
            request.respond(response)
        }
        Some(Route::Redirect { to }) => {
            request.respond(Response::empty(StatusCode(302)).with_header(header("Location", &to)))
        }
        Some(Route::Trickle { bytes }) => request.respond(Response::new(
            StatusCode(200),
            vec![header("Content-Type", "application/rss+xml")],
            Trickle { left: bytes },
            Some(bytes),
            None,
        )),
        Some(Route::Endless { bytes }) => request.respond(Response::new(
            StatusCode(200),
            vec![header("Content-Type", "application/rss+xml")],
            std::io::repeat(b' ').take(bytes),
            usize::try_from(bytes).ok(),
            None,
        )),
    };
    let _ = sent;
}

/// One byte a second.
struct Trickle {
    left: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 || buf.is_empty() {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_secs(1));
        self.left -= 1;
        buf[0] = b'<';
        Ok(1)
    }
}

/// An RSS 2.0 feed with these items: (guid, title, link, description).
pub fn rss(title: &str, items: &[(&str, &str, &str, &str)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>http://127.0.0.1/</link><description>d</description>\n"
    );
    for (guid, title, link, description) in items {
        out.push_str(&format!(
            "<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>\
             <pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate>\
             <description>{description}</description></item>\n"
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}
