//! When carrying out a remedy resolves its case: a case is resolved once the shopper's choice has been
//! carried out (or an agent resolves it), never because an offer went out or a goodwill gesture sent with
//! the offer was given while the shopper still has to choose.

use crate::Remedy;

/// Where the shopper's choice stands on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice<'a> {
    /// The options the shopper was offered as buttons (empty when nothing was offered).
    pub offered: &'a [Remedy],
    /// One of them has already been carried out.
    pub carried_out: bool,
}

impl Choice<'_> {
    /// True while the shopper has options in front of them and none of them has been carried out.
    pub fn pending(&self) -> bool {
        !self.offered.is_empty() && !self.carried_out
    }

    /// True when `remedy` is one of the options the shopper could choose.
    pub fn is_offered(&self, remedy: &Remedy) -> bool {
        self.offered.contains(remedy)
    }
}

/// Whether carrying out `remedy` resolves the case. Only a remedy that makes up for the problem (money
/// back, the goods, a discount) resolves; among those, a remedy given beside a pending choice (the
/// "for the trouble" coupon sent with the buttons) leaves the case waiting for the shopper.
pub fn carrying_out_resolves(remedy: &Remedy, choice: Choice<'_>) -> bool {
    remedy.is_compensation() && (choice.is_offered(remedy) || !choice.pending())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERED: [Remedy; 2] = [Remedy::FullRefund, Remedy::Replacement];

    fn waiting() -> Choice<'static> {
        Choice {
            offered: &OFFERED,
            carried_out: false,
        }
    }

    #[test]
    fn a_gesture_sent_with_the_offer_leaves_the_case_waiting_for_the_shopper() {
        let coupon = Remedy::Coupon { basis_points: 500 };
        assert!(!carrying_out_resolves(&coupon, waiting()));
        assert!(!carrying_out_resolves(&Remedy::FreeExpress, waiting()));
    }

    #[test]
    fn the_shoppers_choice_carried_out_resolves_the_case() {
        assert!(carrying_out_resolves(&Remedy::FullRefund, waiting()));
        assert!(carrying_out_resolves(&Remedy::Replacement, waiting()));
    }

    #[test]
    fn chasing_the_carrier_never_resolves_even_when_chosen() {
        let offered = [Remedy::ChaseCarrier];
        let chose = Choice {
            offered: &offered,
            carried_out: false,
        };
        assert!(!carrying_out_resolves(&Remedy::ChaseCarrier, chose));
    }

    #[test]
    fn a_remedy_given_with_no_choice_pending_resolves_as_before() {
        let none = Choice {
            offered: &[],
            carried_out: false,
        };
        let coupon = Remedy::Coupon { basis_points: 500 };
        assert!(carrying_out_resolves(&coupon, none));
        let after_choice = Choice {
            carried_out: true,
            ..waiting()
        };
        assert!(carrying_out_resolves(&coupon, after_choice));
    }
}
