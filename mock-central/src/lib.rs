//! `mock-central`: a local stand-in for HPE Aruba Networking Central's AP ping and
//! traceroute API.
//!
//! It runs simulated ping and traceroute tests the way the API does (POST starts one, GET
//! reports its status until `COMPLETED` or `FAILED`), including the API's failures, so the
//! widget can be proven against real HTTP in a real browser. It listens on 127.0.0.1 only.
//!
//! - [`scenario`]: the demo devices and what each does; the traceroute's paths.
//! - [`fleet`]: the sites and their access points (`GET /network-monitoring/v1/aps`).
//! - [`simulation`]: one simulated test and its status at any moment (pure).
//! - [`server`]: the HTTP layer: routes, auth, rate limiting, the request log.

pub mod fleet;
pub mod rng;
pub mod scenario;
pub mod server;
pub mod simulation;

pub use server::{serve, Config};
