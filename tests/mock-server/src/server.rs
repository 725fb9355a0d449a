//! The accept loop. It is ours rather than `axum::serve` for one reason: a `drop` fault must close the connection
//! without sending a single byte, so that the browser's `fetch` rejects with a network error. Hyper does exactly
//! that when the service fails, and `axum::serve` has no way to make the (infallible) router fail.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::traffic::DropConnection;

#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a fault")
    }
}

impl std::error::Error for Dropped {}

/// Whether a connection stays open for the next request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Connections {
    /// Each answer closes its connection (`Connection: close`): the tests' choice. Browsers silently resend a request
    /// once when a *reused* connection closes without an answer, which would turn a one-time `drop` fault into a
    /// success; on fresh connections they do not.
    #[default]
    CloseEach,
    /// HTTP/1.1 keep-alive, as a production server behind it would answer: for local development and the benchmark,
    /// where a new connection per request would charge the console round trips that no real deployment costs.
    KeepAlive,
}

pub async fn serve(listener: TcpListener, app: Router, connections: Connections) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors or a connection reset before accept: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let app = app.clone();
                async move {
                    let response = app.oneshot(request.map(Body::new)).await.unwrap_or_else(|e: Infallible| match e {});
                    if response.extensions().get::<DropConnection>().is_some() {
                        Err(Dropped)
                    } else {
                        Ok(response)
                    }
                }
            });
            // The connection's own error is not worth reporting: the client has already seen it.
            let _ = http1::Builder::new()
                .keep_alive(connections == Connections::KeepAlive)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
