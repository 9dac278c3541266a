/// SplitMix64: a tiny generator whose output for a given seed never changes, unlike the
/// `rand` crate's, whose algorithms may change between versions. Not for secrets.
pub(crate) struct SeedRng(u64);

impl SeedRng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `len` lowercase hex digits.
    pub fn hex(&mut self, len: usize) -> String {
        let mut text = String::with_capacity(len + 16);
        while text.len() < len {
            text.push_str(&format!("{:016x}", self.next_u64()));
        }
        text.truncate(len);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::SeedRng;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let mut a = SeedRng::new(7);
        let mut b = SeedRng::new(7);
        assert_eq!(a.hex(24), b.hex(24));
        assert_eq!(a.below(400), b.below(400));
        assert_ne!(SeedRng::new(8).next_u64(), SeedRng::new(7).next_u64());
    }
}
