//! Connections: closed after each answer by default (the tests' `drop` faults depend on it), kept open with
//! `--keep-alive` (local development and the benchmark), over a raw socket so that nothing pools them for us.

use std::time::Duration;

use mock_server::{serve, try_app, Config, Connections};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const REQUEST: &[u8] = b"GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";

/// Sends two requests, one after the other, on one connection; returns how many answers came back.
async fn answers_on_one_connection(connections: Connections) -> usize {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve(listener, try_app(Config::default()).unwrap(), connections));
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut answered = 0;
    for _ in 0..2 {
        if stream.write_all(REQUEST).await.is_err() {
            break;
        }
        let mut seen = Vec::new();
        let mut buffer = [0_u8; 4096];
        // One answer: its headers, then a body of Content-Length bytes.
        let complete = loop {
            let read =
                tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await.unwrap().unwrap_or(0);
            if read == 0 {
                break false;
            }
            seen.extend_from_slice(&buffer[..read]);
            let text = String::from_utf8_lossy(&seen).to_lowercase();
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map(|n| n.trim().parse::<usize>().unwrap());
                if seen.len() >= end + 4 + length.unwrap_or(0) {
                    break true;
                }
            }
        };
        if !complete {
            break;
        }
        answered += 1;
    }
    server.abort();
    answered
}

#[tokio::test]
async fn by_default_each_answer_closes_its_connection() {
    assert_eq!(answers_on_one_connection(Connections::CloseEach).await, 1);
}

#[tokio::test]
async fn with_keep_alive_a_connection_serves_the_next_request() {
    assert_eq!(answers_on_one_connection(Connections::KeepAlive).await, 2);
}
