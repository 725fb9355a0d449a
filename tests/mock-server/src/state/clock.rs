//! The mock's clock, which `POST /__mock/clock` moves.

use serde::Deserialize;

pub fn system_now() -> i64 {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX)
}

/// The mock's clock: the system's, moved forward by `POST /__mock/clock`, or stopped there. Every `now` of the mock
/// comes from it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset: i64,
    frozen: Option<i64>,
}

impl Clock {
    pub fn now(&self) -> i64 {
        self.frozen.unwrap_or_else(|| system_now() + self.offset)
    }

    /// Forward only: a clock that went back would rewrite a past that checks were already judged in.
    pub fn set(&mut self, at: i64) {
        match &mut self.frozen {
            Some(frozen) => *frozen = at,
            None => self.offset = at - system_now(),
        }
    }

    pub fn freeze(&mut self, frozen: bool) {
        let now = self.now();
        self.frozen = frozen.then_some(now);
        if !frozen {
            self.offset = now - system_now();
        }
    }
}

/// The body of `POST /__mock/clock`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClockControl {
    pub(super) advance_seconds: Option<i64>,
    pub(super) at: Option<String>,
    pub(super) frozen: Option<bool>,
}
