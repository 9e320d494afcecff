//! A campaign's funnel: of the people it invited, how many registered, started one of its modules,
//! completed one, and did a follow-up afterwards, overall and by practice. Each stage's practice
//! counts and their total are protected together (`disclosure::breakdown`), as every report's are.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::ids::PracticeId;
use crate::domain::reports::disclosure::{Shown, breakdown};

/// The stages, in order; each person at a stage was at every stage before it.
pub const STAGES: [&str; 5] = ["Invited", "Registered", "Started", "Completed", "Follow-up done"];

/// One recipient's progress, as the database finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecipientProgress {
    pub practice: PracticeId,
    pub invited: bool,
    pub registered: bool,
    pub started: bool,
    pub completed: bool,
    pub followed_up: bool,
}

impl RecipientProgress {
    /// The recipient at each stage, in `STAGES` order.
    fn stages(&self) -> [bool; 5] {
        [self.invited, self.registered, self.started, self.completed, self.followed_up]
    }
}

/// One row of the funnel: a practice, or every practice together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelRow {
    pub practice: String,
    pub ods_code: String,
    /// One count per stage, in `STAGES` order.
    pub stages: Vec<Shown>,
}

/// The funnel: the total row, then one row per target practice (`practices`: id → (name, ODS
/// code), in the order to list them).
pub fn funnel(
    progress: &[RecipientProgress],
    practices: &[(PracticeId, String, String)],
) -> (FunnelRow, Vec<FunnelRow>) {
    let mut exact: BTreeMap<PracticeId, [i64; 5]> =
        practices.iter().map(|(id, _, _)| (*id, [0; 5])).collect();
    for recipient in progress {
        let counts = exact.entry(recipient.practice).or_default();
        for (stage, reached) in recipient.stages().into_iter().enumerate() {
            counts[stage] += i64::from(reached);
        }
    }
    let columns: Vec<(Vec<Shown>, Shown)> = (0..STAGES.len())
        .map(|stage| breakdown(&practices.iter().map(|(id, _, _)| exact[id][stage]).collect::<Vec<_>>()))
        .collect();
    let total = FunnelRow {
        practice: "All target practices".into(),
        ods_code: String::new(),
        stages: columns.iter().map(|(_, total)| *total).collect(),
    };
    let rows = practices
        .iter()
        .enumerate()
        .map(|(i, (_, name, ods_code))| FunnelRow {
            practice: name.clone(),
            ods_code: ods_code.clone(),
            stages: columns.iter().map(|(cells, _)| cells[i]).collect(),
        })
        .collect();
    (total, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipient(practice: i64, reached: usize) -> RecipientProgress {
        RecipientProgress {
            practice: PracticeId(practice),
            invited: reached >= 1,
            registered: reached >= 2,
            started: reached >= 3,
            completed: reached >= 4,
            followed_up: reached >= 5,
        }
    }

    #[test]
    fn the_funnel_adds_up_by_practice_under_disclosure_control() {
        // Practice 1: 20 invited, 15 registered, 10 started, 10 completed, none followed up.
        // Practice 2: 10 invited and registered, 10 started, 5 of them completed.
        let mut progress: Vec<RecipientProgress> = Vec::new();
        progress.extend((0..5).map(|_| recipient(1, 1)));
        progress.extend((0..5).map(|_| recipient(1, 2)));
        progress.extend((0..10).map(|_| recipient(1, 4)));
        progress.extend((0..5).map(|_| recipient(2, 3)));
        progress.extend((0..5).map(|_| recipient(2, 4)));
        let practices = vec![
            (PracticeId(1), "Riverside".to_owned(), "A81001".to_owned()),
            (PracticeId(2), "Hillside".to_owned(), "A81002".to_owned()),
            (PracticeId(3), "Quiet".to_owned(), "A81003".to_owned()),
        ];
        let (total, rows) = funnel(&progress, &practices);
        let shown = |row: &FunnelRow| row.stages.iter().map(|s| s.text()).collect::<Vec<_>>();
        assert_eq!(shown(&total), ["30", "25", "20", "15", "0"]);
        assert_eq!(shown(&rows[0]), ["20", "15", "10", "10", "0"]);
        assert_eq!(shown(&rows[1]), ["10", "10", "10", "*", "0"], "five completed: hidden");
        assert_eq!(shown(&rows[2]), ["0", "0", "0", "0", "0"], "a practice with nobody is still listed");
        assert_eq!(rows[0].ods_code, "A81001");
    }
}
