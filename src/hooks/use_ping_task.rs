//! `use_ping_task`: [`use_test_task`] for a ping test, and the names of its types that
//! the components and the JS layer use.

use super::use_test_task::{TaskConfig, TaskHandle};
use crate::api::ping::Ping;
use crate::stats::PingTestResult;

pub use crate::api::ping::StartRequest;

/// Follows the configured ping test until it ends, is cancelled or the component
/// unmounts: [`use_test_task`] itself, whose kind a [`PingTaskConfig`] names (a wrapper
/// hook would cost the widget its own hook state).
pub use super::use_test_task::use_test_task as use_ping_task;

/// What ping test to follow and how (see [`TaskConfig`]).
pub type PingTaskConfig = TaskConfig<Ping>;

/// What a component renders a ping test from (see [`TaskHandle`]).
pub type PingTaskHandle = TaskHandle<PingTestResult>;

/// Notifications of a ping test for the embedding page.
pub type TaskCallbacks = super::use_test_task::TaskCallbacks<PingTestResult>;
