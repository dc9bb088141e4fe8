//! Resource ids in the cloud's shape: a 3-char service prefix and 17 lowercase alphanumerics.

const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuv";

/// A fresh random id, e.g. for an operation.
pub fn random(prefix: &str) -> String {
    let mut id = String::with_capacity(20);
    id.push_str(prefix);
    while id.len() < 20 {
        id.push(char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]));
    }
    id
}

/// A deterministic id derived from `n` (distinct `n` give distinct ids for one prefix).
pub fn derived(prefix: &str, n: u64) -> String {
    let mut id = String::with_capacity(20);
    id.push_str(prefix);
    let mut x = splitmix(n);
    let mut y = splitmix(x ^ n);
    while id.len() < 20 {
        id.push(char::from(ALPHABET[(x % 32) as usize]));
        x /= 32;
        if x == 0 {
            x = y;
            y = splitmix(y);
        }
    }
    id
}

fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A deterministic MAC address `d0:0d:xx:xx:xx:xx` for a NIC of an instance.
pub fn mac(instance_id: &str, index: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in instance_id.bytes().chain([b'/']).chain(index.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    // Written by hand rather than with `format!`: the 100k-instance seed makes one per instance.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut mac = String::with_capacity(17);
    mac.push_str("d0:0d");
    for b in &splitmix(h).to_be_bytes()[..4] {
        mac.push(':');
        mac.push(char::from(HEX[usize::from(b >> 4)]));
        mac.push(char::from(HEX[usize::from(b & 15)]));
    }
    mac
}

#[cfg(test)]
mod tests {
    #[test]
    fn macs_are_stable() {
        assert_eq!(super::mac("fhma", "0"), super::mac("fhma", "0"));
        assert_ne!(super::mac("fhma", "0"), super::mac("fhma", "1"));
        assert!(super::mac("fhma", "0").starts_with("d0:0d:"));
        // The value the seed has always given this NIC (computed independently).
        assert_eq!(super::mac("fhma", "0"), "d0:0d:8a:17:c4:d7");
    }

    #[test]
    fn ids_have_the_cloud_shape() {
        for id in [super::random("fhm"), super::derived("fhm", 7)] {
            assert_eq!(id.len(), 20);
            assert!(id.starts_with("fhm"));
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            );
        }
        assert_eq!(super::derived("fhm", 1), super::derived("fhm", 1));
        assert_ne!(super::derived("fhm", 1), super::derived("fhm", 2));
    }
}
