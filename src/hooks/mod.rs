//! Custom hooks: the only place with timers, fetches and cancellation.

pub mod use_ping_task;

pub use use_ping_task::{
    use_ping_task, PingTaskConfig, PingTaskHandle, StartRequest, TaskCallbacks,
};
