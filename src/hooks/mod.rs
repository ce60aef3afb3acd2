//! Custom hooks: the only place with timers, fetches and cancellation, and with state
//! that outlives a render (an instance's id).

pub mod use_instance_id;
pub mod use_ping_task;

pub use use_instance_id::use_instance_id;
pub use use_ping_task::{
    use_ping_task, PingTaskConfig, PingTaskHandle, StartRequest, TaskCallbacks,
};
