//! The second module's catalog (`panels/en.json`, `panels/ja.json`, `panels/ko.json`): the App Configuration kit's
//! strings, loaded with the module once the settings screen can be used, so that the first load carries none of it.

use super::Strings;
use crate::domain::api::{AuditAction, RotationEnd};
use crate::domain::gate::Reason;
use crate::domain::kit::Mdm;

/// The JSON text of a language's catalog of the second module, as written.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalog_json(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "en" => include_str!("panels/en.json"),
        "ja" => include_str!("panels/ja.json"),
        "ko" => include_str!("panels/ko.json"),
        _ => return None,
    })
}

mod value_check;

catalog! {
    /// One language's strings of the second module.
    pub struct PanelsStrings;
    text kit_title,
    text kit_intro,
    text mdm_solution,
    text app,
    text steps_title,
    text configuration_title,
    text copy_configuration,
    text download_configuration,
    text masked_note,
    text unsaved_draft,
    text no_saved_key,
    text no_app,
    text apps_failed,
    template rewrite_warning(mdm, syntax, part),
    text one_per_app,
    template file_type(name, media),
    text mdm_intune_ios,
    text mdm_intune_android,
    text mdm_jamf_pro,
    text mdm_workspace_one,
    text mdm_ivanti_epmm,
    text mdm_android_management,
    text mdm_appconfig_specfile,
    text steps_intune_ios_managed,
    text steps_intune_ios_1,
    text steps_intune_ios_2,
    text steps_intune_ios_3,
    text steps_intune_ios_4,
    text steps_intune_android_managed,
    text steps_intune_android_1,
    text steps_intune_android_2,
    text steps_intune_android_3,
    text steps_intune_android_4,
    text steps_jamf_pro_managed,
    text steps_jamf_pro_1,
    text steps_jamf_pro_2,
    text steps_jamf_pro_3,
    text steps_jamf_pro_4,
    text steps_workspace_one_managed,
    text steps_workspace_one_1,
    text steps_workspace_one_2,
    text steps_workspace_one_3,
    text steps_workspace_one_4,
    text steps_ivanti_epmm_managed,
    text steps_ivanti_epmm_1,
    text steps_ivanti_epmm_2,
    text steps_ivanti_epmm_3,
    text steps_ivanti_epmm_4,
    text steps_android_management_managed,
    text steps_android_management_1,
    text steps_android_management_2,
    text steps_android_management_3,
    text steps_android_management_4,
    text steps_appconfig_specfile_managed,
    text steps_appconfig_specfile_1,
    text steps_appconfig_specfile_2,
    text steps_appconfig_specfile_3,
    text steps_appconfig_specfile_4,
    text check_title,
    text check_intro,
    text value_in_mdm,
    text check_value,
    text verdict_empty,
    text verdict_nothing_saved,
    text verdict_matches,
    text verdict_matches_draft,
    text verdict_differs,
    text difference_line_breaks,
    text difference_surrounding_spaces,
    text difference_invisible_spaces,
    text difference_full_width,
    text difference_curly_quotes,
    text difference_letter_case,
    count difference_missing(position),
    count difference_extra(position),
    template difference_other_character(position),
    template field_rewrite_warning(part, mdms),
    text list_separator,
    text verdict_key_but,
    text verdict_draft_but,
    text verdict_differs_draft,
    template found_in_place(place, name),
    template found_in_unnamed(place),
    text wrapper_xml,
    text wrapper_json,
    text wrapper_android,
    text wrapper_apple,
    text wrapper_equals,
    text wrapper_colon,
    text wrapper_columns,
    text difference_wide_spaces,
    template difference_yen(position),
    template difference_won(position),
    template difference_wave_dash(position),
    template difference_full_width_tilde(position),
    template difference_overline(position),
    template difference_dash(position),
    template difference_quoted(quotes),
    template difference_xml_right(mdm),
    template difference_xml_wrong(mdm),
    template difference_json_right(mdm),
    template difference_json_wrong(mdm),
    template difference_name_case(name),
    template difference_name_spelling(name),
    text difference_name_other,
    text difference_name_absent,
    text difference_number_typed,
    text difference_number_leading_zeros,
    text difference_number_exponent,
    text difference_number_grouping,
    text difference_number_rounded,
    text readiness_title,
    template readiness_intro(days),
    text readiness_loading,
    text readiness_unavailable,
    count readiness_summary(total),
    text readiness_no_key,
    text readiness_devices,
    text readiness_all,
    text platform_ios,
    text platform_android,
    text readiness_ready,
    text readiness_no_value,
    text readiness_other_value,
    text readiness_unmanaged,
    text readiness_without_enterprise,
    count apply_ready(),
    count apply_waiting(),
    count apply_never(),
    text apply_none_ready,
    text apply_unavailable,
    text readiness_previous_key,
    count apply_previous_only(),
    count apply_previous_out(),
    count apply_week(members),
    text apply_week_none,
    count apply_week_reason(reason),
    text rotation_title,
    template rotation_until(until),
    count rotation_new_key(),
    count rotation_previous_key(),
    text end_overlap,
    text signins_title,
    text signins_intro_enforce,
    text signins_intro_monitor,
    text period,
    count period_days(),
    text reason,
    text reason_all,
    text refresh,
    text load_more,
    text download_csv,
    count signins_refused(),
    count signins_would_refuse(),
    count signins_members(),
    text signins_by_reason,
    text signins_by_platform,
    text signins_by_day,
    text signins_day,
    text signins_count,
    text signins_when,
    text signins_member,
    text signins_device,
    text signins_empty,
    text signins_empty_monitor,
    text signins_unavailable,
    text signins_loading,
    count signins_shown(total),
    text reason_other_domain_account,
    text reason_unmanaged,
    text reason_android_without_enterprise,
    text reason_no_value,
    text reason_previous_key,
    text reason_other_value,
    text advice_other_domain_account,
    text advice_unmanaged,
    text advice_android_without_enterprise,
    text advice_no_value,
    text advice_previous_key,
    text advice_other_value,
    text activity_title,
    text activity_empty,
    text activity_when,
    text activity_who,
    text activity_what,
    text activity_fingerprint,
    text audit_monitor_on,
    text audit_enforce_on,
    text audit_rotation_started,
    text audit_rotation_expired,
    text audit_rotation_ended_early,
    text audit_rotation_superseded,
    text enforcement,
    text enforcement_monitor,
    text enforcement_monitor_help,
    text enforcement_enforce,
    text enforcement_enforce_help,
    text keep_previous,
    text keep_previous_help,
    text overlap,
    count overlap_hours(),
    count overlap_days(),
    text key_number_note,
}

impl PanelsStrings {
    /// An "Overlap" choice, in hours below a day and in days from there.
    pub fn overlap_choice(&self, secs: i64, number: impl Fn(u64) -> String) -> String {
        let (n, in_days) = if secs < 86_400 { (secs / 3_600, false) } else { (secs / 86_400, true) };
        let n = u64::try_from(n).unwrap_or_default();
        if in_days {
            self.overlap_days(n, &number(n))
        } else {
            self.overlap_hours(n, &number(n))
        }
    }

    /// The MDM's name, as the vendor writes it.
    pub fn mdm_name(&self, mdm: Mdm) -> &'static str {
        match mdm {
            Mdm::IntuneIos => self.mdm_intune_ios(),
            Mdm::IntuneAndroid => self.mdm_intune_android(),
            Mdm::JamfPro => self.mdm_jamf_pro(),
            Mdm::WorkspaceOne => self.mdm_workspace_one(),
            Mdm::IvantiEpmm => self.mdm_ivanti_epmm(),
            Mdm::AndroidManagement => self.mdm_android_management(),
            Mdm::AppConfigSpecfile => self.mdm_appconfig_specfile(),
        }
    }

    /// The numbered steps in the MDM's console, with its own menu names: making the app a managed app first, since
    /// App Configuration reaches no other.
    pub fn steps(&self, mdm: Mdm) -> [&'static str; 5] {
        match mdm {
            Mdm::IntuneIos => [
                self.steps_intune_ios_managed(),
                self.steps_intune_ios_1(),
                self.steps_intune_ios_2(),
                self.steps_intune_ios_3(),
                self.steps_intune_ios_4(),
            ],
            Mdm::IntuneAndroid => [
                self.steps_intune_android_managed(),
                self.steps_intune_android_1(),
                self.steps_intune_android_2(),
                self.steps_intune_android_3(),
                self.steps_intune_android_4(),
            ],
            Mdm::JamfPro => [
                self.steps_jamf_pro_managed(),
                self.steps_jamf_pro_1(),
                self.steps_jamf_pro_2(),
                self.steps_jamf_pro_3(),
                self.steps_jamf_pro_4(),
            ],
            Mdm::WorkspaceOne => [
                self.steps_workspace_one_managed(),
                self.steps_workspace_one_1(),
                self.steps_workspace_one_2(),
                self.steps_workspace_one_3(),
                self.steps_workspace_one_4(),
            ],
            Mdm::IvantiEpmm => [
                self.steps_ivanti_epmm_managed(),
                self.steps_ivanti_epmm_1(),
                self.steps_ivanti_epmm_2(),
                self.steps_ivanti_epmm_3(),
                self.steps_ivanti_epmm_4(),
            ],
            Mdm::AndroidManagement => [
                self.steps_android_management_managed(),
                self.steps_android_management_1(),
                self.steps_android_management_2(),
                self.steps_android_management_3(),
                self.steps_android_management_4(),
            ],
            Mdm::AppConfigSpecfile => [
                self.steps_appconfig_specfile_managed(),
                self.steps_appconfig_specfile_1(),
                self.steps_appconfig_specfile_2(),
                self.steps_appconfig_specfile_3(),
                self.steps_appconfig_specfile_4(),
            ],
        }
    }

    /// What the gate's reason means, in the admin's words, and what to do about it.
    pub fn reason_explained(&self, reason: Reason) -> (&'static str, &'static str) {
        match reason {
            Reason::OtherDomainAccount => (self.reason_other_domain_account(), self.advice_other_domain_account()),
            Reason::Unmanaged => (self.reason_unmanaged(), self.advice_unmanaged()),
            Reason::AndroidWithoutEnterprise => {
                (self.reason_android_without_enterprise(), self.advice_android_without_enterprise())
            }
            Reason::NoValue => (self.reason_no_value(), self.advice_no_value()),
            Reason::PreviousKey => (self.reason_previous_key(), self.advice_previous_key()),
            Reason::OtherValue => (self.reason_other_value(), self.advice_other_value()),
        }
    }

    /// Several names in one sentence, in the language's way.
    pub fn list(&self, items: &[&str]) -> String {
        items.join(self.list_separator())
    }
}

/// An Activity log entry's action, in the admin's words: the first wave's from the console's catalog (its conflict
/// message names them too), the rollout's from this one. `reason` is a `rotation_ended`'s.
pub fn audit_action(t: &Strings, x: &PanelsStrings, action: AuditAction, reason: Option<RotationEnd>) -> &'static str {
    match action {
        AuditAction::Enabled => t.audit_enabled(),
        AuditAction::Disabled => t.audit_disabled(),
        AuditAction::KeyReissued => t.audit_key_reissued(),
        AuditAction::KeyChanged => t.audit_key_changed(),
        AuditAction::RestrictOn => t.audit_restrict_on(),
        AuditAction::RestrictOff => t.audit_restrict_off(),
        AuditAction::MonitorOn => x.audit_monitor_on(),
        AuditAction::EnforceOn => x.audit_enforce_on(),
        AuditAction::RotationStarted => x.audit_rotation_started(),
        AuditAction::RotationEnded => match reason {
            Some(RotationEnd::Expired) => x.audit_rotation_expired(),
            Some(RotationEnd::Superseded) => x.audit_rotation_superseded(),
            Some(RotationEnd::EndedEarly) | None => x.audit_rotation_ended_early(),
        },
    }
}
