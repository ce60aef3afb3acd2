//! What the traceroute tests share.

/// A file of `tests/fixtures/traceroute/`: the formats' texts and the API's bodies, also
/// the fuzz targets' seeds (`scripts/fuzz`).
pub fn traceroute_fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/traceroute/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A hop's distinct addresses, as text.
pub fn addresses(hop: &ap_ping_core::traceroute::TraceHop) -> Vec<&str> {
    hop.addresses.iter().map(|a| &**a).collect()
}
