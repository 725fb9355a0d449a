//! Answers to mutations, kept for `Idempotency-Key` replays.

use axum::http::StatusCode;
use serde::Serialize;

use super::World;
use crate::errors;

/// A finished answer to a mutation, kept so that a retry with the same `Idempotency-Key` gets it again byte for byte.
#[derive(Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(status: StatusCode, etag: Option<String>, value: &impl Serialize) -> Self {
        Self { status, etag, body: serde_json::to_vec(value).expect("wire types always serialise") }
    }

    pub(super) fn error(status: StatusCode, code: &str, message: String, field: Option<&str>) -> Self {
        Self::json(status, None, &errors::body(code, message, field))
    }
}

pub(super) struct Recorded {
    body_hash: [u8; 32],
    answer: Answer,
}

pub enum Replay {
    /// First use of this key: go on and process the request.
    New,
    /// The same key and the same body: answer this again, and apply nothing.
    Same(Answer),
    /// The same key with another body.
    Reused,
}

impl World {
    pub fn replay(&self, idempotency_key: &str, body_hash: &[u8; 32]) -> Replay {
        match self.idempotency.get(idempotency_key) {
            None => Replay::New,
            Some(recorded) if recorded.body_hash == *body_hash => Replay::Same(recorded.answer.clone()),
            Some(_) => Replay::Reused,
        }
    }

    pub fn remember(&mut self, idempotency_key: String, body_hash: [u8; 32], answer: Answer) {
        self.idempotency.insert(idempotency_key, Recorded { body_hash, answer });
    }
}
