//! Integration tests: one binary (so the tests link once), one module per subject. Each test
//! runs the real `sokhach` binary on inputs under testdata/ or made at test time.

mod common;
mod test_accounts_check;
mod test_accounts_review;
mod test_clean;
// Measures children with wait4/rusage and sends signals: Linux only.
#[cfg(target_os = "linux")]
mod test_hostile;
mod test_mailing;
mod test_office;
mod test_policy;
mod test_review;
mod test_values;
mod test_weeks;
mod test_workspace;
