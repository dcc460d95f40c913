//! Short, stable hashes of content (FNV-1a, 64 bits): the same bytes give the same name on
//! every build and every machine.

/// The FNV-1a hash of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

/// A cache-busting part of a file name: ten hex digits of the hash of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:010x}", fnv1a(bytes) >> 24)
}
