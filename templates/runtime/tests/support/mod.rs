//! A tiny HTTP/1.1 loopback server for tests that need what wiremock cannot do: the exact
//! request target as it came over the wire, and answers that misbehave (sent slowly, cut
//! short, longer than announced, never finished, redirected).
//!
//! Every connection serves one request and is then closed. The handler sees the request and
//! returns a [`Reply`]: steps of bytes to write, pauses (on tokio's clock, so a paused clock
//! skips them) and an optional hang.

#![allow(
    dead_code,
    reason = "each test file uses the part of the support it needs"
)]

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Received {
    /// `GET`, `POST`, …
    pub method: String,
    /// The request target exactly as sent: `/things/a%20b?x=1,2`.
    pub target: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The query part of the target, without `?`.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }
}

/// One step of an answer.
#[derive(Debug, Clone)]
pub enum Step {
    /// Write these bytes.
    Write(Vec<u8>),
    /// Wait this long (tokio's clock).
    Pause(Duration),
    /// Never write anything more, and keep the connection open.
    Hang,
}

/// What the server answers: steps, then the connection is closed.
#[derive(Debug, Clone)]
pub struct Reply(pub Vec<Step>);

impl Reply {
    /// A complete response with `status`, extra `headers` and `body` (`Content-Length` added).
    pub fn new(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
        let body = body.into();
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        ));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&body);
        Reply(vec![Step::Write(bytes)])
    }

    /// `200` with a JSON body.
    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::new(
            status,
            &[("content-type", "application/json")],
            body.to_string(),
        )
    }

    /// Only a head (status line and headers, as given), then `then`.
    pub fn head(status: u16, headers: &[(&str, &str)], then: Vec<Step>) -> Reply {
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut steps = vec![Step::Write(head.into_bytes())];
        steps.extend(then);
        Reply(steps)
    }

    /// Nothing at all: the connection stays open and silent.
    pub fn hang() -> Reply {
        Reply(vec![Step::Hang])
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

type Handler = dyn Fn(&Received) -> Pin<Box<dyn Future<Output = Reply> + Send>> + Send + Sync;

/// The server: its address and what it received.
#[derive(Clone)]
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    /// Starts a server that answers every request with `reply(request)`.
    pub async fn start(reply: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_async(move |request| {
            let answer = reply(request);
            Box::pin(async move { answer })
        })
        .await
    }

    /// Starts a server whose answers may wait for something (a barrier, a channel).
    pub async fn start_async(
        reply: impl Fn(&Received) -> Pin<Box<dyn Future<Output = Reply> + Send>> + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(reply);
        let log = Arc::clone(&received);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&log);
                tokio::spawn(async move { serve(stream, handler, log).await });
            }
        });
        Server { url, received }
    }

    /// Starts an `https` server (TLS through `acceptor`) that answers every request with
    /// `reply(request)`. A connection whose handshake fails is dropped.
    pub async fn start_tls(
        acceptor: tokio_rustls::TlsAcceptor,
        reply: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let url = format!("https://localhost:{port}");
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(move |request: &Received| {
            let answer = reply(request);
            Box::pin(async move { answer })
        });
        let log = Arc::clone(&received);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&log);
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        serve(stream, handler, log).await;
                    }
                });
            }
        });
        Server { url, received }
    }

    /// Every request so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("log").clone()
    }

    /// The requests whose path is `path`.
    pub fn received_at(&self, path: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.path() == path)
            .collect()
    }
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Received>>>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    log.lock().expect("log").push(request.clone());
    let Reply(steps) = handler(&request).await;
    for step in steps {
        match step {
            Step::Write(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
                let _ = stream.flush().await;
            }
            Step::Pause(delay) => tokio::time::sleep(delay).await,
            Step::Hang => std::future::pending::<()>().await,
        }
    }
    let _ = stream.shutdown().await;
}

async fn read_request<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Received> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received {
        method,
        target,
        headers,
        body,
    })
}

/// A `tracing` subscriber that keeps every event of the runtime (not of the HTTP client it
/// uses) as one line of text, `LEVEL message field=value …`, for tests of what it logs. Install it for the current thread
/// with [`Capture::install`] (the tests' runtime is single-threaded, so spawned tasks log to
/// it too).
#[derive(Clone, Default)]
pub struct Capture {
    events: Arc<Mutex<Vec<String>>>,
    /// The spans' names and fields, as they were opened and recorded.
    spans: Arc<Mutex<Vec<String>>>,
    next_span: Arc<std::sync::atomic::AtomicU64>,
}

impl Capture {
    /// Installs a new capture as the current thread's default subscriber until the guard drops.
    pub fn install() -> (Capture, tracing::subscriber::DefaultGuard) {
        let capture = Capture::default();
        let guard = tracing::subscriber::set_default(capture.clone());
        (capture, guard)
    }

    /// The events so far.
    pub fn events(&self) -> Vec<String> {
        self.events.lock().expect("events").clone()
    }

    /// Every event, one per line.
    pub fn text(&self) -> String {
        self.events().join("\n")
    }

    /// Every event, then every span's fields, one per line: all that was logged.
    pub fn everything(&self) -> String {
        let spans = self.spans.lock().expect("spans").join("\n");
        format!("{}\n{spans}", self.text())
    }
}

struct Line(String);

impl tracing::field::Visit for Line {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0.push_str(&format!(" {value:?}"));
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push_str(&format!(" {}={value}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        metadata.target().starts_with("sdk_runtime")
    }

    fn new_span(&self, attributes: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = Line(format!("span {}", attributes.metadata().name()));
        attributes.record(&mut line);
        self.spans.lock().expect("spans").push(line.0);
        let id = self
            .next_span
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::span::Id::from_u64(id + 1)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut line = Line("span record".to_owned());
        values.record(&mut line);
        self.spans.lock().expect("spans").push(line.0);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = Line(event.metadata().level().to_string());
        event.record(&mut line);
        self.events.lock().expect("events").push(line.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
