//! Weights in bits of the pair comparisons (the `score` module). Change them here, with the reason.

/// Same tax code: one taxpayer.
pub const TAX_SAME: f32 = 12.0;
/// A valid email is personal; sharing one is strong evidence.
pub const EMAIL_SAME: f32 = 9.0;
/// People keep several addresses; different emails say little.
pub const EMAIL_DIFF: f32 = -1.0;
/// A mobile is personal (after the 2018 renumbering both forms compare equal).
pub const MOBILE_SAME: f32 = 9.0;
/// Numbers change over ten years; different mobiles are weak evidence against.
pub const MOBILE_DIFF: f32 = -2.0;
/// A landline is shared by a household or an office.
pub const LANDLINE_SAME: f32 = 3.0;
/// Two organisations of one name sharing a landline: an office's number is the company's.
pub const ORG_LANDLINE: f32 = 7.0;
/// Same given name (the last syllable).
pub const GIVEN_SAME: f32 = 2.0;
/// Different given names (not a typo): different people, e.g. a household.
pub const GIVEN_DIFF: f32 = -9.0;
/// Same given name, different family name.
pub const FAMILY_DIFF: f32 = -3.0;
/// Names a typo apart (Jaro–Winkler ≥ 0.93 on the accent-free key).
pub const NAME_CLOSE: f32 = 3.0;
/// Bounds of the frequency-based weight of an identical full name.
pub const NAME_SAME_MIN: f32 = 2.0;
pub const NAME_SAME_MAX: f32 = 10.0;
/// Organisation core names (legal form removed).
pub const ORG_SAME: f32 = 6.0;
pub const ORG_CLOSE: f32 = 3.0;
pub const ORG_DIFF: f32 = -6.0;
/// A person and an organisation.
pub const KIND_DIFF: f32 = -4.0;
/// Same street address (with house number).
pub const ADDR_SAME: f32 = 4.0;
/// The same house number and street, without a district to confirm it.
pub const ADDR_CLOSE: f32 = 2.0;
/// Different street addresses: people move, so only mildly against.
pub const ADDR_DIFF: f32 = -2.0;
pub const PROVINCE_SAME: f32 = 0.5;
pub const PROVINCE_DIFF: f32 = -1.5;
/// At or above: merge (when an identifier or the address agrees).
pub const MERGE: f32 = 10.0;
/// At or above (and below MERGE): a person decides.
pub const REVIEW: f32 = 5.0;
