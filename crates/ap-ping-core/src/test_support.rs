//! What the unit tests of several modules share.

use crate::stats::model::PingReply;

/// A small deterministic generator (xorshift64*), so a failing input can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A reply with only a sequence and a time.
pub fn reply(sequence: u32, time_ms: f64) -> PingReply {
    PingReply {
        sequence,
        address: None,
        ttl: None,
        time_ms: Some(time_ms),
        size_bytes: None,
        duplicate: false,
    }
}
