//! Custom hooks: the only place with timers, fetches, observers and cancellation, and
//! with state that outlives a render (an instance's id, an element's width, how much of a
//! long list is drawn), or a page (its request budget, `request_budget`).

pub mod request_budget;
pub mod request_slot;
pub mod use_fleet_run;
pub mod use_instance_id;
pub mod use_ping_task;
pub mod use_progressive;
pub mod use_test_task;
pub mod use_tick;
pub mod use_width;

pub use use_fleet_run::{use_fleet_run, FleetCallbacks, FleetConfig, FleetHandle};
pub use use_instance_id::use_instance_id;
pub use use_ping_task::{
    use_ping_task, PingTaskConfig, PingTaskHandle, StartRequest, TaskCallbacks,
};
pub use use_progressive::use_progressive;
pub use use_test_task::{use_test_task, TaskConfig, TaskHandle, TaskRunner, TaskView};
pub use use_tick::use_tick;
pub use use_width::use_width;
