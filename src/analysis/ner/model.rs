//! The trained weights, their binary file format and Viterbi decoding.
//!
//! File format (`data/model/ner-de.bin`, all integers little-endian):
//!
//! ```text
//! magic            8 bytes  "DNERMDL1"
//! feature_version  u32      features::FEATURE_VERSION the model was trained with
//! label_count      u32      labels::LABEL_COUNT
//! flags            u32      bit 0: trained with gazetteer class features
//! scale            f32      a stored weight w means w * scale
//! transitions      i32 × (label_count + 1) × label_count   row = previous label, last row = start
//! feature_count    u32
//! features         feature_count × { hash u64, label_mask u32, weights i16 × popcount(label_mask) }
//! ```
//!
//! Only non-zero weights are stored (a feature usually moves two or three labels), which keeps
//! the file small. Loading rebuilds an open-addressing table whose slots hold a 32-bit
//! fingerprint next to the weight row, so scoring a feature touches one place in memory.

use super::features::SentenceFeatures;
use super::labels::{LABEL_COUNT, Label};
use anyhow::{Context, bail, ensure};

const MAGIC: &[u8; 8] = b"DNERMDL1";
pub const FLAG_GAZETTEER: u32 = 1;

/// The weights of one feature for the entity labels 1..LABEL_COUNT, relative to its O weight.
/// Shifting all labels of a feature by the same amount changes no decision (every label of a
/// token sums the same features), so O needs no column and a row fits 32 aligned bytes: one
/// cache line, and two SIMD registers.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Row([i16; LABEL_COUNT - 1]);

/// One slot of the feature index: fingerprint 0 means empty, `row` indexes the weight rows.
#[derive(Clone, Copy)]
struct Slot {
    fingerprint: u32,
    row: u32,
}

const EMPTY: Slot = Slot {
    fingerprint: 0,
    row: 0,
};

/// No weight row: the feature is not in the model.
const NO_ROW: u32 = u32::MAX;

/// Reusable buffers for [`Model::emissions_from`] and [`Model::group_sums`].
#[derive(Default)]
pub struct Probes {
    homes: Vec<Slot>,
    rows: Vec<u32>,
    sums: Vec<WeightSums>,
}

/// Summed quantised weights of some features, per entity label (O is the zero point).
pub type WeightSums = [i32; LABEL_COUNT - 1];

/// Scores per label, as the decoder sees them.
pub type Scores = [f32; LABEL_COUNT];

/// Transition scores: `[previous][current]`, with row `LABEL_COUNT` for the sentence start.
pub type Transitions = [[f32; LABEL_COUNT]; LABEL_COUNT + 1];

/// A quantised, pruned model ready to score features.
pub struct Model {
    /// Open addressing with linear probing; 8-byte slots keep the index small enough to stay
    /// in cache while the weight rows are fetched only for features that exist.
    slots: Vec<Slot>,
    /// Weight rows in file order, which is most frequent feature first, so the rows most
    /// tokens touch share cache lines.
    rows: Vec<Row>,
    scale: f32,
    /// The transition scores with the IOB2-forbidden ones at minus infinity (see
    /// [`permitted_transitions`]): all that decoding reads of them, worked out once.
    pub permitted: Transitions,
    pub flags: u32,
    feature_count: usize,
}

/// The slot a hash starts probing at: its high 32 bits scaled to the capacity (Lemire's
/// multiply-shift), so the capacity need not be a power of two.
#[inline]
fn home_slot(hash: u64, capacity: usize) -> usize {
    (((hash >> 32) * capacity as u64) >> 32) as usize
}

#[inline]
fn fingerprint(hash: u64) -> u32 {
    (hash as u32) | 1
}

/// The quantised model as stored in the file: what training produces and loading reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelData {
    pub features: Vec<(u64, [i16; LABEL_COUNT])>,
    pub transitions: [[i32; LABEL_COUNT]; LABEL_COUNT + 1],
    pub scale: f32,
    pub flags: u32,
}

impl ModelData {
    /// Quantises float weights to i16 against the largest magnitude (using half the range) and
    /// drops features whose
    /// weights all round to zero. `features` are (hash, weights) pairs, most frequent first:
    /// the order is kept in the file and in memory.
    pub fn from_weights(
        features: impl Iterator<Item = (u64, Scores)> + Clone,
        transitions: &Transitions,
        flags: u32,
    ) -> ModelData {
        let max = features
            .clone()
            .flat_map(|(_, w)| w.into_iter())
            .chain(transitions.iter().flatten().copied())
            .fold(0f32, |m, w| m.max(w.abs()));
        // Half the i16 range, so that `build` can subtract the O weight without overflow.
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX / 2)
        } else {
            1.0
        };
        let quantised: Vec<(u64, [i16; LABEL_COUNT])> = features
            .map(|(hash, w)| (hash, w.map(|x| (x / scale).round() as i16)))
            .filter(|(_, w)| w.iter().any(|&x| x != 0))
            .collect();
        let transitions = transitions.map(|row| row.map(|x| (x / scale).round() as i32));
        ModelData {
            features: quantised,
            transitions,
            scale,
            flags,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.features.len() * 18);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&super::features::FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(LABEL_COUNT as u32).to_le_bytes());
        out.extend_from_slice(&self.flags.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for &t in self.transitions.iter().flatten() {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&(self.features.len() as u32).to_le_bytes());
        for (hash, weights) in &self.features {
            out.extend_from_slice(&hash.to_le_bytes());
            let mask: u32 = weights
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .map(|(i, _)| 1u32 << i)
                .sum();
            out.extend_from_slice(&mask.to_le_bytes());
            for &w in weights.iter().filter(|w| **w != 0) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> anyhow::Result<ModelData> {
        let mut reader = Reader { bytes, pos: 0 };
        ensure!(
            reader.take(8)? == MAGIC,
            "not a Dossier NER model (bad magic)"
        );
        let version = reader.u32()?;
        ensure!(
            version == super::features::FEATURE_VERSION,
            "model was trained with feature version {version}, this build extracts version {}; retrain it",
            super::features::FEATURE_VERSION
        );
        let labels = reader.u32()? as usize;
        if labels != LABEL_COUNT {
            bail!("model has {labels} labels, expected {LABEL_COUNT}");
        }
        let flags = reader.u32()?;
        let scale = f32::from_le_bytes(reader.take(4)?.try_into()?);
        let mut transitions = [[0i32; LABEL_COUNT]; LABEL_COUNT + 1];
        for t in transitions.iter_mut().flatten() {
            *t = reader.u32()? as i32;
        }
        let count = reader.u32()? as usize;
        let mut features = Vec::with_capacity(count);
        for _ in 0..count {
            let hash = u64::from_le_bytes(reader.take(8)?.try_into()?);
            let mask = reader.u32()?;
            let mut weights = [0i16; LABEL_COUNT];
            for (i, w) in weights.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *w = i16::from_le_bytes(reader.take(2)?.try_into()?);
                }
            }
            features.push((hash, weights));
        }
        ensure!(reader.pos == bytes.len(), "trailing bytes after the model");
        Ok(ModelData {
            features,
            transitions,
            scale,
            flags,
        })
    }

    /// The lookup table used for tagging.
    pub fn build(&self) -> Model {
        // A load factor of one half keeps probe sequences short: most features a text asks
        // for are not in the model, and such a lookup probes until it meets an empty slot.
        let capacity = (self.features.len() * 2).max(16);
        let mut slots = vec![EMPTY; capacity];
        let mut rows = Vec::with_capacity(self.features.len());
        for &(hash, weights) in &self.features {
            let mut i = home_slot(hash, capacity);
            while slots[i].fingerprint != 0 {
                i = if i + 1 == capacity { 0 } else { i + 1 };
            }
            slots[i] = Slot {
                fingerprint: fingerprint(hash),
                row: rows.len() as u32,
            };
            // Weights use at most half the i16 range (see `from_weights`), so files written by
            // training never saturate here.
            rows.push(Row(std::array::from_fn(|l| {
                weights[l + 1].saturating_sub(weights[0])
            })));
        }
        let transitions = self
            .transitions
            .map(|row| row.map(|t| t as f32 * self.scale));
        Model {
            slots,
            rows,
            scale: self.scale,
            permitted: permitted_transitions(&transitions),
            flags: self.flags,
            feature_count: self.features.len(),
        }
    }
}

impl Model {
    pub fn from_bytes(bytes: &[u8]) -> anyhow::Result<Model> {
        Ok(ModelData::from_bytes(bytes)?.build())
    }

    pub fn feature_count(&self) -> usize {
        self.feature_count
    }

    pub fn uses_gazetteer(&self) -> bool {
        self.flags & FLAG_GAZETTEER != 0
    }

    #[inline]
    fn lookup_row(&self, hash: u64) -> Option<u32> {
        let capacity = self.slots.len();
        let fp = fingerprint(hash);
        let mut i = home_slot(hash, capacity);
        loop {
            let slot = self.slots[i];
            if slot.fingerprint == fp {
                return Some(slot.row);
            }
            if slot.fingerprint == 0 {
                return None;
            }
            i = if i + 1 == capacity { 0 } else { i + 1 };
        }
    }

    /// The scores of every token of a sentence, in `out` (the same as [`Model::emission`] per
    /// token), each token starting from `base[i]` (weights already summed for it elsewhere;
    /// an empty `base` starts every token at zero).
    pub fn emissions_from(
        &self,
        base: &[WeightSums],
        features: &SentenceFeatures,
        probes: &mut Probes,
        out: &mut Vec<Scores>,
    ) {
        let mut sums = std::mem::take(&mut probes.sums);
        self.group_sums(base, features, probes, &mut sums);
        out.clear();
        out.resize(sums.len(), [0.0; LABEL_COUNT]);
        for (scores, sum) in out.iter_mut().zip(&sums) {
            self.write_scores(sum, scores);
        }
        probes.sums = sums;
    }

    /// The summed weights of each group of features (`groups.token(i)`), each starting from
    /// `base[i]` (zero when `base` is empty), in `out`.
    pub fn group_sums(
        &self,
        base: &[WeightSums],
        groups: &SentenceFeatures,
        probes: &mut Probes,
        out: &mut Vec<WeightSums>,
    ) {
        self.find_rows(&groups.hashes, probes);
        sum_groups(&self.rows, &probes.rows, &groups.offsets, base, out);
    }

    /// The weight row of every hash (or [`NO_ROW`]) in `probes.rows`. The home slots of all
    /// hashes are read first, in a loop without branches, then the rows: the reads do not
    /// wait on one another, so their cache misses overlap instead of being paid one after the
    /// other.
    fn find_rows(&self, hashes: &[u64], probes: &mut Probes) {
        let capacity = self.slots.len();
        probes.homes.clear();
        probes.homes.reserve(hashes.len());
        probes.rows.reserve(hashes.len());
        probes.homes.extend(
            hashes
                .iter()
                .map(|&hash| self.slots[home_slot(hash, capacity)]),
        );
        probes.rows.clear();
        probes
            .rows
            .extend(hashes.iter().zip(&probes.homes).map(|(&hash, home)| {
                if home.fingerprint == fingerprint(hash) {
                    home.row
                } else if home.fingerprint == 0 {
                    NO_ROW
                } else {
                    self.lookup_row(hash).unwrap_or(NO_ROW)
                }
            }));
    }

    /// The summed quantised weights of `features` (the form [`Model::emissions_from`] takes
    /// as a base).
    #[cfg(test)]
    fn weight_sums(&self, features: &[u64]) -> WeightSums {
        let mut sum = WeightSums::default();
        for &hash in features {
            if let Some(row) = self.lookup_row(hash) {
                add_row(&self.rows[row as usize], &mut sum);
            }
        }
        sum
    }

    /// The summed weights of a token's features, per label: what the batched scoring must equal.
    #[cfg(test)]
    pub fn emission(&self, features: &[u64]) -> Scores {
        self.scores(&self.weight_sums(features))
    }

    #[cfg(test)]
    fn scores(&self, sum: &WeightSums) -> Scores {
        let mut scores = [0.0; LABEL_COUNT];
        self.write_scores(sum, &mut scores);
        scores
    }

    /// The scores of summed weights; O, the zero point, is left as it is (zero). The sixteen
    /// others are converted as one array, which compiles to a few vector instructions
    /// (converting straight into `scores[1..]` did not).
    #[inline]
    fn write_scores(&self, sum: &WeightSums, scores: &mut Scores) {
        let scale = self.scale;
        scores[1..].copy_from_slice(&sum.map(|s| s as f32 * scale));
    }
}

/// The summed rows of each group (`found[offsets[i]..offsets[i + 1]]`, [`NO_ROW`] skipped),
/// each starting from `base[i]` (zero when `base` is empty), in `out`. Compiled also for AVX2
/// and picked at run time where the processor has it: widening a row's sixteen weights to
/// 32 bits and adding them takes half the instructions there.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn sum_groups(
    rows: &[Row],
    found: &[u32],
    offsets: &[usize],
    base: &[WeightSums],
    out: &mut Vec<WeightSums>,
) {
    out.clear();
    out.reserve(offsets.len().saturating_sub(1));
    for (i, group) in offsets.windows(2).enumerate() {
        let mut sum = base.get(i).copied().unwrap_or_default();
        for &row in &found[group[0]..group[1]] {
            if row != NO_ROW {
                add_row(&rows[row as usize], &mut sum);
            }
        }
        out.push(sum);
    }
}

#[inline(always)]
fn add_row(row: &Row, sum: &mut WeightSums) {
    for (s, &w) in sum.iter_mut().zip(&row.0) {
        *s += i32::from(w);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> anyhow::Result<&'a [u8]> {
        let slice = self
            .bytes
            .get(self.pos..self.pos + n)
            .context("model file is truncated")?;
        self.pos += n;
        Ok(slice)
    }

    fn u32(&mut self) -> anyhow::Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into()?))
    }
}

/// Which label may follow which (IOB2): `[previous][current]`, with row `LABEL_COUNT` for the
/// sentence start.
pub type Allowed = [[bool; LABEL_COUNT]; LABEL_COUNT + 1];

/// The IOB2 transition mask, computed once.
pub fn allowed_transitions() -> &'static Allowed {
    static ALLOWED: std::sync::OnceLock<Allowed> = std::sync::OnceLock::new();
    ALLOWED.get_or_init(allowed)
}

fn allowed() -> Allowed {
    let mut allowed = [[false; LABEL_COUNT]; LABEL_COUNT + 1];
    for (prev, row) in allowed.iter_mut().enumerate() {
        let previous = (prev < LABEL_COUNT).then_some(Label(prev as u8));
        for (cur, cell) in row.iter_mut().enumerate() {
            *cell = Label(cur as u8).may_follow(previous);
        }
    }
    allowed
}

/// The transition scores with every transition IOB2 forbids at minus infinity: what
/// [`viterbi`] decodes with.
pub fn permitted_transitions(transitions: &Transitions) -> Transitions {
    let allowed = allowed_transitions();
    std::array::from_fn(|previous| {
        std::array::from_fn(|current| {
            if allowed[previous][current] {
                transitions[previous][current]
            } else {
                f32::NEG_INFINITY
            }
        })
    })
}

/// First-order Viterbi over emission scores and [`permitted_transitions`], so restricted to
/// valid IOB2. `lattice` is scratch space reused between calls. Compiled also for AVX2 (eight lanes
/// instead of four), picked at run time where the processor has it; the sums and maxima are
/// the same either way.
///
/// The forward pass keeps only the best score per label and token, as a max over every
/// predecessor with forbidden transitions at minus infinity: a loop without branches that the
/// compiler turns into vector instructions. The best predecessor is looked for only on the
/// way back, for the one label chosen at each token.
#[multiversion::multiversion(targets("x86_64+avx2"))]
pub fn viterbi(
    emissions: &[Scores],
    permitted: &Transitions,
    lattice: &mut Vec<Scores>,
    out: &mut Vec<Label>,
) {
    out.clear();
    lattice.clear();
    let Some((first, rest)) = emissions.split_first() else {
        return;
    };
    lattice.push(std::array::from_fn(|current| {
        first[current] + permitted[LABEL_COUNT][current]
    }));
    for emission in rest {
        let score = lattice[lattice.len() - 1];
        let mut best = [f32::NEG_INFINITY; LABEL_COUNT];
        for (&from, row) in score.iter().zip(permitted) {
            for (b, &t) in best.iter_mut().zip(row) {
                // Not `f32::max`: its NaN handling costs two more instructions per lane, and
                // no score here is NaN. This comparison compiles to one `maxps`.
                let candidate = from + t;
                *b = if candidate > *b { candidate } else { *b };
            }
        }
        lattice.push(std::array::from_fn(|current| {
            best[current] + emission[current]
        }));
    }
    let last = &lattice[lattice.len() - 1];
    let mut label = (0..LABEL_COUNT)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(0);
    out.resize(emissions.len(), Label::OUTSIDE);
    for i in (0..emissions.len()).rev() {
        out[i] = Label(label as u8);
        if i > 0 {
            label = best_predecessor(&lattice[i - 1], permitted, label);
        }
    }
}

/// The first predecessor (in label order) with the highest score into `current`. The scores
/// are all worked out, then their maximum, then where it first is: comparing as they come
/// branched on every new best, which the processor could not foresee.
fn best_predecessor(score: &Scores, permitted: &Transitions, current: usize) -> usize {
    let candidates: Scores =
        std::array::from_fn(|previous| score[previous] + permitted[previous][current]);
    let best = candidates.iter().fold(
        f32::NEG_INFINITY,
        |best, &c| if c > best { c } else { best },
    );
    // Where every predecessor is forbidden, all are minus infinity and the first is taken.
    candidates.iter().position(|&c| c == best).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_iob2_and_transitions() {
        let b_per = Label::from_germeval("B-PER").index();
        let i_per = Label::from_germeval("I-PER").index();
        let i_loc = Label::from_germeval("I-LOC").index();
        let mut emissions = vec![[0f32; LABEL_COUNT]; 3];
        // Token 0 prefers I-LOC, which cannot start a sentence: B-PER is the best valid label.
        emissions[0][i_loc] = 5.0;
        emissions[0][b_per] = 2.0;
        emissions[1][i_per] = 1.0;
        emissions[2][0] = 1.0;
        let transitions = [[0f32; LABEL_COUNT]; LABEL_COUNT + 1];
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(
            &emissions,
            &permitted_transitions(&transitions),
            &mut back,
            &mut out,
        );
        let names: Vec<String> = out.iter().map(|l| l.name()).collect();
        assert_eq!(names, ["B-PER", "I-PER", "O"]);
    }

    #[test]
    fn model_bytes_round_trip_and_score() {
        let mut weights = [0f32; LABEL_COUNT];
        weights[1] = 2.0;
        weights[0] = -1.0;
        let transitions = [[0.5f32; LABEL_COUNT]; LABEL_COUNT + 1];
        let data = ModelData::from_weights(
            [(42u64, weights), (7u64, [0.0; LABEL_COUNT])].into_iter(),
            &transitions,
            0,
        );
        assert_eq!(data.features.len(), 1, "all-zero features are dropped");
        let model = Model::from_bytes(&data.to_bytes()).unwrap();
        // Scores are relative to O: feature 42 twice gives label 1 a lead of 2 × (2 - -1).
        let emission = model.emission(&[42, 42, 99]);
        assert_eq!(emission[0], 0.0);
        assert!((emission[1] - 6.0).abs() < 1e-3, "{emission:?}");
        assert!((emission[2] - 2.0).abs() < 1e-3, "{emission:?}");
        // The start of a sentence may be followed by O: that transition is kept, as stored.
        assert!((model.permitted[LABEL_COUNT][0] - 0.5).abs() < 1e-3);
        assert!(Model::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn sentence_emissions_equal_token_emissions() {
        use crate::analysis::ner::{Tagger, features::FeatureExtractor, gazetteer_classes};
        let model = Tagger::embedded().model();
        let words: Vec<&str> =
            "Außenminister Marco Rubio traf in Paris den Präsidenten der Ukraine ."
                .split(' ')
                .collect();
        let mut features = SentenceFeatures::default();
        FeatureExtractor::default().extract(
            words.iter().copied(),
            Some(&gazetteer_classes),
            &mut features,
        );
        let mut scores = Vec::new();
        model.emissions_from(&[], &features, &mut Probes::default(), &mut scores);
        assert_eq!(scores.len(), words.len());
        for (i, s) in scores.iter().enumerate() {
            assert_eq!(*s, model.emission(features.token(i)), "token {i}");
        }
        assert!(scores.iter().any(|s| s.iter().any(|&x| x != 0.0)));
    }
}
