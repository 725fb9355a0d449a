use super::*;

fn state(enabled: bool, restrict: bool, key: Option<&str>) -> Editable {
    Editable {
        enabled,
        restrict_other_domains: restrict,
        key_mode: KeyMode::Auto,
        key_value: key.map(str::to_owned),
        enforcement: Enforcement::Enforce,
        overlap: Overlap::None,
    }
}

#[test]
fn no_difference_is_an_empty_change() {
    let s = state(true, false, Some("k"));
    assert!(Change::between(&s, &s).is_empty());
}

#[test]
fn turning_on_signs_members_out() {
    let (saved, next) = (state(false, false, None), state(true, false, Some("k")));
    let change = Change::between(&saved, &next);
    assert!(change.turned_on && change.signs_members_out(true) && change.needs_confirmation(true));
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::Enabled]);
}

#[test]
fn a_new_key_while_on_signs_members_out() {
    let (saved, next) = (state(true, false, Some("a")), state(true, false, Some("b")));
    let change = Change::between(&saved, &next);
    assert!(change.signs_members_out(true));
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::KeyReissued]);
}

#[test]
fn a_custom_key_is_recorded_as_changed() {
    let saved = state(true, false, Some("a"));
    let next = Editable { key_mode: KeyMode::Custom, key_value: Some("b".into()), ..saved.clone() };
    assert_eq!(Change::between(&saved, &next).audit_actions(&saved, &next), vec![AuditAction::KeyChanged]);
}

#[test]
fn the_restriction_while_on_signs_members_out_but_not_while_off() {
    let change = Change::between(&state(true, false, Some("k")), &state(true, true, Some("k")));
    assert!(change.signs_members_out(true));
    let change = Change::between(&state(false, false, Some("k")), &state(false, true, Some("k")));
    assert!(!change.signs_members_out(false) && !change.needs_confirmation(false));
}

#[test]
fn turning_off_needs_confirmation_but_signs_nobody_out() {
    let (saved, next) = (state(true, true, Some("k")), state(false, true, Some("k")));
    let change = Change::between(&saved, &next);
    assert!(!change.signs_members_out(false) && change.needs_confirmation(false));
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::Disabled]);
}

const IMPACT: Impact = Impact { member_count: 1024, exception_count: 3, lineworks_mdm_enabled: true };

#[test]
fn turning_on_lists_every_consequence_in_numbers() {
    let (saved, next) = (state(false, true, None), state(true, true, Some("k")));
    assert_eq!(
        Change::between(&saved, &next).consequences(&next, IMPACT, 1_000),
        vec![
            Consequence::MembersSignedOut { members: 1024, by_unix: 1_600 },
            Consequence::ExceptionsDeleted { count: 3 },
            Consequence::LineworksMdmTurnedOff,
            Consequence::OtherDomainsSignedOut,
            Consequence::UpdateAppConfiguration { refused_until_then: true },
        ]
    );
}

#[test]
fn no_exceptions_and_mdm_off_are_not_listed() {
    let (saved, next) = (state(false, false, None), state(true, false, Some("k")));
    let impact = Impact { member_count: 5, exception_count: 0, lineworks_mdm_enabled: false };
    assert_eq!(
        Change::between(&saved, &next).consequences(&next, impact, 0),
        vec![
            Consequence::MembersSignedOut { members: 5, by_unix: 600 },
            Consequence::UpdateAppConfiguration { refused_until_then: true }
        ]
    );
}

#[test]
fn a_reissued_key_signs_out_and_needs_the_mdm_updated() {
    let (saved, next) = (state(true, false, Some("a")), state(true, false, Some("b")));
    assert_eq!(
        Change::between(&saved, &next).consequences(&next, IMPACT, 0),
        vec![
            Consequence::MembersSignedOut { members: 1024, by_unix: 600 },
            Consequence::UpdateAppConfiguration { refused_until_then: true }
        ]
    );
}

#[test]
fn lifting_the_restriction_signs_out_but_signs_out_no_other_domain() {
    let (saved, next) = (state(true, true, Some("k")), state(true, false, Some("k")));
    assert_eq!(
        Change::between(&saved, &next).consequences(&next, IMPACT, 0),
        vec![Consequence::MembersSignedOut { members: 1024, by_unix: 600 }]
    );
}

#[test]
fn turning_off_reminds_that_the_configuration_stays() {
    let (saved, next) = (state(true, false, Some("k")), state(false, false, Some("k")));
    assert_eq!(
        Change::between(&saved, &next).consequences(&next, IMPACT, 0),
        vec![Consequence::AppConfigurationStaysOnDevices]
    );
}

#[test]
fn changes_while_off_have_no_consequences() {
    let (saved, next) = (state(false, false, Some("a")), state(false, true, Some("b")));
    assert!(Change::between(&saved, &next).consequences(&next, IMPACT, 0).is_empty());
}

#[test]
fn save_needs_a_valid_change_on_an_eligible_plan_and_no_save_in_flight() {
    let change = Change::between(&state(false, false, None), &state(true, false, Some("k")));
    assert!(can_save(&change, true, true, false));
    assert!(!can_save(&Change::default(), true, true, false));
    assert!(!can_save(&change, false, true, false));
    assert!(!can_save(&change, true, false, false));
    assert!(!can_save(&change, true, true, true));
}

fn monitoring(enabled: bool, key: Option<&str>) -> Editable {
    Editable { enforcement: Enforcement::Monitor, ..state(enabled, false, key) }
}

#[test]
fn turning_on_in_monitor_mode_signs_nobody_out_and_leaves_lineworks_mdm() {
    let (saved, next) = (state(false, false, None), monitoring(true, Some("k")));
    let change = Change::between(&saved, &next);
    assert!(!change.signs_members_out(true) && change.needs_confirmation(true) && !change.starts_enforcing);
    assert_eq!(
        change.consequences(&next, IMPACT, 0),
        vec![
            Consequence::NobodySignedOut,
            Consequence::RefusalsOnlyRecorded,
            Consequence::UpdateAppConfiguration { refused_until_then: false }
        ]
    );
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::Enabled, AuditAction::MonitorOn]);
}

#[test]
fn monitor_to_enforce_has_the_effects_of_turning_on() {
    let (saved, next) = (monitoring(true, Some("k")), state(true, false, Some("k")));
    let change = Change::between(&saved, &next);
    assert!(change.starts_enforcing && change.signs_members_out(true) && change.needs_confirmation(true));
    assert_eq!(
        change.consequences(&next, IMPACT, 0),
        vec![
            Consequence::MembersSignedOut { members: 1024, by_unix: 600 },
            Consequence::ExceptionsDeleted { count: 3 },
            Consequence::LineworksMdmTurnedOff,
        ]
    );
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::EnforceOn]);
}

#[test]
fn enforce_to_monitor_and_changes_in_monitor_sign_nobody_out() {
    let (saved, next) = (state(true, false, Some("k")), monitoring(true, Some("k")));
    let change = Change::between(&saved, &next);
    assert!(!change.signs_members_out(true) && change.needs_confirmation(true));
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::MonitorOn]);
    assert_eq!(
        change.consequences(&next, IMPACT, 0),
        vec![Consequence::NobodySignedOut, Consequence::RefusalsOnlyRecorded]
    );
    let saved = monitoring(true, Some("a"));
    for next in [monitoring(true, Some("b")), Editable { restrict_other_domains: true, ..monitoring(true, Some("a")) }]
    {
        let change = Change::between(&saved, &next);
        assert!(!change.signs_members_out(true) && change.needs_confirmation(true), "{next:?}");
        assert_eq!(change.consequences(&next, IMPACT, 0)[0], Consequence::NobodySignedOut);
    }
}

#[test]
fn a_new_key_with_an_overlap_signs_nobody_out_and_says_until_when() {
    let saved = state(true, false, Some("a"));
    let next = Editable { overlap: Overlap::For(7 * 86_400), ..state(true, false, Some("b")) };
    let change = Change::between(&saved, &next);
    assert!(change.overlap_started && !change.signs_members_out(true) && !change.signs_previous_key_out(true));
    assert_eq!(
        change.consequences(&next, IMPACT, 1_000),
        vec![
            Consequence::NobodySignedOut,
            Consequence::PreviousKeyValidUntil { until_unix: 1_000 + 7 * 86_400 },
            Consequence::UpdateAppConfiguration { refused_until_then: false },
        ]
    );
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::KeyReissued, AuditAction::RotationStarted]);
    assert_eq!(change.rotation_end(), None);
}

#[test]
fn ending_an_overlap_early_signs_out_the_previous_keys_devices_only() {
    let saved = Editable { overlap: Overlap::Until(5_000), ..state(true, false, Some("b")) };
    let next = state(true, false, Some("b"));
    let change = Change::between(&saved, &next);
    assert!(!change.is_empty() && change.overlap_ended_early && change.needs_confirmation(true));
    assert!(!change.signs_members_out(true) && change.signs_previous_key_out(true));
    assert_eq!(change.consequences(&next, IMPACT, 0), vec![Consequence::PreviousKeySignedOut { by_unix: 600 }]);
    assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::RotationEnded]);
    assert_eq!(change.rotation_end(), Some(RotationEnd::EndedEarly));
}

#[test]
fn another_new_key_during_an_overlap_retires_the_older_previous_key() {
    let saved = Editable { overlap: Overlap::Until(5_000), ..state(true, false, Some("b")) };
    let next = Editable { overlap: Overlap::For(86_400), ..state(true, false, Some("c")) };
    let change = Change::between(&saved, &next);
    assert!(change.overlap_superseded && change.overlap_started && change.signs_previous_key_out(true));
    assert_eq!(
        change.consequences(&next, IMPACT, 0),
        vec![
            Consequence::PreviousKeySignedOut { by_unix: 600 },
            Consequence::PreviousKeyValidUntil { until_unix: 86_400 },
            Consequence::UpdateAppConfiguration { refused_until_then: false },
        ]
    );
    assert_eq!(
        change.audit_actions(&saved, &next),
        vec![AuditAction::RotationEnded, AuditAction::KeyReissued, AuditAction::RotationStarted]
    );
    assert_eq!(change.rotation_end(), Some(RotationEnd::Superseded));
    // Without an overlap of its own, the new key signs everyone out, which says the rest.
    let next = state(true, false, Some("c"));
    let change = Change::between(&saved, &next);
    assert!(change.signs_members_out(true) && !change.signs_previous_key_out(true));
}

#[test]
fn the_overlap_with_the_restriction_still_signs_everyone_out() {
    let saved = state(true, false, Some("a"));
    let next = Editable { overlap: Overlap::For(3_600), ..state(true, true, Some("b")) };
    let change = Change::between(&saved, &next);
    assert!(change.overlap_started && change.signs_members_out(true));
}

fn body(enabled: bool, key: Option<&str>, until: Option<Option<&str>>) -> MdmSyncUpdate {
    MdmSyncUpdate {
        enabled,
        restrict_other_domains: false,
        key_mode: KeyMode::Auto,
        key_value: key.map(str::to_owned),
        enforcement: None,
        previous_key_valid_until: until.map(|u| u.map(str::to_owned)),
    }
}

// 2026-12-01T00:00:00Z
const NOW: i64 = 1_796_083_200;

#[test]
fn a_first_wave_body_keeps_enforcement_and_a_running_overlap() {
    let saved = Editable {
        enforcement: Enforcement::Monitor,
        overlap: Overlap::Until(NOW + 60),
        ..state(true, false, Some("a"))
    };
    let next = saved.updated(&body(true, None, None), NOW).unwrap();
    assert_eq!(next, saved);
    let next = saved.updated(&body(true, Some("a"), None), NOW).unwrap();
    assert_eq!((next.enforcement, next.overlap), (Enforcement::Monitor, Overlap::Until(NOW + 60)));
    // A new key without the field ends the overlap: the seed's immediate cut.
    assert_eq!(saved.updated(&body(true, Some("b"), None), NOW).unwrap().overlap, Overlap::None);
    assert_eq!(saved.updated(&body(true, None, Some(None)), NOW).unwrap().overlap, Overlap::None);
}

#[test]
fn the_overlap_is_bounded_to_thirty_days_ahead() {
    let saved = state(true, false, Some("a"));
    let at = |secs: i64| format_rfc3339(NOW + secs);
    for (secs, ok) in
        [(1, true), (3_600, true), (MAX_OVERLAP_SECS, true), (MAX_OVERLAP_SECS + 1, false), (0, false), (-60, false)]
    {
        let text = at(secs);
        let result = saved.updated(&body(true, Some("b"), Some(Some(&text))), NOW);
        assert_eq!(result.is_ok(), ok, "{secs}");
        if !ok {
            assert_eq!(result, Err(OverlapError::OutOfBounds));
        }
    }
    let tomorrow = at(86_400);
    assert_eq!(saved.updated(&body(true, Some("b"), Some(Some("tomorrow"))), NOW), Err(OverlapError::Unreadable));
    // No new key, no running overlap, or sync being turned on: nothing to keep valid.
    assert_eq!(saved.updated(&body(true, Some("a"), Some(Some(&tomorrow))), NOW), Err(OverlapError::NothingToOverlap));
    let off = state(false, false, Some("a"));
    assert_eq!(off.updated(&body(true, Some("b"), Some(Some(&tomorrow))), NOW), Err(OverlapError::NothingToOverlap));
}

#[test]
fn a_draft_sends_what_differs_and_the_body_reads_back_the_same() {
    let saved = Editable { overlap: Overlap::Until(NOW + 600), ..state(true, false, Some("a")) };
    for (draft, sent) in [
        (saved.clone(), None),
        (state(true, false, Some("a")), Some(None)),
        (
            Editable { overlap: Overlap::For(3_600), ..state(true, false, Some("b")) },
            Some(Some(format_rfc3339(NOW + 3_600))),
        ),
    ] {
        let update = draft.update_over(&saved, NOW);
        assert_eq!(update.previous_key_valid_until, sent, "{draft:?}");
        assert_eq!(update.enforcement, Some(Enforcement::Enforce));
        let read = saved.updated(&update, NOW).unwrap();
        assert_eq!(Change::between(&saved, &read).overlap_started, Change::between(&saved, &draft).overlap_started);
    }
}

#[test]
fn editable_debug_hides_the_key() {
    assert!(!format!("{:?}", state(true, false, Some("SecretKeyValue1234"))).contains("SecretKeyValue"));
}
