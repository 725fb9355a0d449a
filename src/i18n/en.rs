use super::{ApiMessages, AuditActionNames, ConsequenceMessages, KeyMessages, Precautions, Strings};

fn plural(n: u64, written: &str, one: &str, many: &str) -> String {
    format!("{written} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_choose_their_plural_form_and_keep_the_written_number() {
        assert_eq!(super::plural(1, "1", "member", "members"), "1 member");
        assert_eq!(super::plural(1024, "1,024", "member", "members"), "1,024 members");
        assert_eq!((super::EN.consequences.members_signed_out)(2, "2", "10:10"), "2 members will be signed out of the mobile app, all of them by 10:10.");
    }
}

fn exceptions_deleted(n: u64, written: &str) -> String {
    format!("{} of LINE WORKS MDM will be deleted.", plural(n, written, "exception setting", "exception settings"))
}

pub static EN: Strings = Strings {
    locale: "en",
    product: "LINE WORKS Admin",
    skip_to_content: "Skip to content",
    nav_label: "Admin",
    nav_security: "Security",
    nav_mobile_security: "Mobile Security",
    menu: "Menu",

    loading: "Loading…",
    retry: "Retry",
    load_failed: "This page could not be loaded.",

    not_found_title: "Page not found",
    not_found_body: "There is no page at this address. It may have moved, or the link may be mistyped.",
    not_found_link: "Go to Mobile Security",

    mobile_security_title: "Mobile Security",
    mobile_security_intro: "Control how members' phones and tablets can use the LINE WORKS mobile app.",
    lineworks_mdm_title: "LINE WORKS MDM",
    lineworks_mdm_on: "On",
    lineworks_mdm_off: "Off",
    exception_settings: |n, written| plural(n, written, "exception setting", "exception settings"),
    members: |n, written| plural(n, written, "member", "members"),
    advanced: "Advanced",
    mdm_sync_title: "3rd-party MDM sync",
    mdm_sync_summary: "Allow only devices managed by your own MDM solution to sign in to the LINE WORKS mobile app.",
    in_use: "In use",
    not_in_use: "Not in use",
    manage: "Manage",
    restricted_to_domain: "Login with other domain accounts is restricted.",

    settings_back: "Back to Mobile Security",
    save: "Save",
    saving: "Saving…",
    switch_description: "Only devices that receive the key value from your MDM solution can sign in to the mobile app. \
        Turning this on signs every member out of the mobile app within 10 minutes.",
    restrict_label: "Restrict login with other domain account",
    restrict_help: [
        "Devices managed with this key value cannot sign in to accounts of other domains or groups.",
        "This needs a unique key value that no other domain uses, including those of your own group company.",
        "Accounts of other domains on devices with this key value are signed out within 10 minutes.",
    ],
    key_value: "Key value",
    key_auto: "Auto-generate",
    key_custom: "Custom value",
    key_not_issued: "No key value has been issued yet.",
    reissue: "Re-issue",
    show_key: "Show key value",
    copy_key: "Copy key value",
    copied: "Copied",
    copy_refused: "The browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
    app_config_title: "App Configuration",
    app_config_intro: "Enter these values in your MDM console as the Managed App Configuration of the LINE WORKS app.",
    config_key: "Configuration Key",
    value_type: "Value Type",
    key_value_column: "Key Value",
    copy_named: |name| format!("Copy {name}"),
    // Not "Copy key value": that name belongs to the button beside the field, and names must not overlap.
    copy_app_config_key: "Copy App Configuration Key Value",
    how_sync_works: "How sync works",
    sync_steps: [
        "In LINE WORKS Admin, turn on 3rd-party MDM sync and issue the key value.",
        "In the console of your MDM solution, register the LINE WORKS app as a managed app.",
        "In the console of your MDM solution, add the App Configuration above to the LINE WORKS app.",
        "Distribute the LINE WORKS app to members' devices through your MDM solution.",
    ],
    last_updated: |when, who| format!("Last changed {when} by {who}"),
    plan_not_eligible_notice: "3rd-party MDM sync is available on the Standard and Advanced plans. \
        Upgrade your plan to use it.",
    random_failed: "The browser could not generate a secure key value. Reload the page and try again.",

    ok: "OK",
    cancel: "Cancel",
    apply: "Apply",
    precautions_title: "Turn on 3rd-party MDM sync?",
    precautions: Precautions {
        sign_out: "When you save, every member is signed out of the LINE WORKS mobile app within 10 minutes. \
            From then on, members can sign in only on devices that receive the key value from your MDM solution.",
        exceptions_deleted,
        exceptions_none: "Any LINE WORKS MDM exception settings will be deleted.",
        managed_app_config: "Your MDM solution must support Managed App Configuration. Check this before you go on.",
        android_enterprise: "Android devices can use the mobile app only in an Android Enterprise environment.",
        not_with_lineworks_mdm: "3rd-party MDM sync cannot be used together with LINE WORKS MDM, which is turned off.",
    },
    confirm_title: "Apply these changes?",
    confirm_intro: "Saving these settings has the following effects:",
    consequences: ConsequenceMessages {
        members_signed_out: |n, written, by| format!(
            "{} will be signed out of the mobile app, all of them by {by}.",
            plural(n, written, "member", "members")
        ),
        exceptions_deleted,
        lineworks_mdm_off: "LINE WORKS MDM will be turned off.",
        other_domains_signed_out: "Accounts of other domains on devices with this key value will be signed out \
            within 10 minutes.",
        update_app_config: "Update the App Configuration (LineworksAuthCode) in your MDM console to this key value. \
            Until you do, members cannot sign in to the mobile app.",
        config_stays_on_devices: "The App Configuration already pushed to devices stays on them until you remove it \
            in your MDM console.",
    },
    saved: "Saved.",
    save_failed: "The changes were not saved.",
    signing_out_until: |by| format!("Members are being signed out of the mobile app. All of them will be signed out by {by}."),
    leave_unsaved: "You have unsaved changes. Leave this page and discard them?",
    conflict: |who, when, what| format!("{who} changed these settings at {when}, after you opened them: {what}."),
    conflict_unknown: "Someone else changed these settings after you opened them.",
    reload: "Reload",
    keep_my_changes: "Keep my changes",
    reload_discards: "Reload the saved settings and discard your changes?",
    activity_title: "Activity",
    activity_empty: "No changes yet.",
    activity_when: "When",
    activity_who: "Who",
    activity_what: "What",
    activity_fingerprint: "Key fingerprint",
    audit_actions: AuditActionNames {
        enabled: "Turned on",
        disabled: "Turned off",
        key_reissued: "Re-issued the key value",
        key_changed: "Changed the key value",
        restrict_on: "Restricted login with other domain accounts",
        restrict_off: "Allowed login with other domain accounts",
    },

    key_errors: KeyMessages {
        empty: "Enter a key value.",
        too_short: |len| format!("The key value is {len} characters long. Use at least 16."),
        too_long: |len| format!("The key value is {len} characters long. Use at most 128."),
        leading_whitespace: "The key value starts with a space. Remove it.",
        trailing_whitespace: "The key value ends with a space. Remove it.",
        inner_whitespace: |position| format!("The key value has a space at position {position}. Remove it."),
        control: |position, code| {
            format!("The key value has an invisible control character (U+{code:04X}) at position {position}. Remove it.")
        },
        non_ascii: |position, character| {
            format!(
                "The key value has \"{character}\" (U+{:04X}) at position {position}. \
                 Use only letters A–Z and a–z, digits and ASCII symbols.",
                u32::from(character)
            )
        },
        too_few_distinct: |distinct| {
            format!("The key value uses only {distinct} different characters. Use at least 6 to make it hard to guess.")
        },
    },
    api_errors: ApiMessages {
        network: "The server could not be reached. Check your connection, then try again.",
        timeout: "The server took too long to answer. Try again.",
        malformed_response: "The server sent an answer the console does not understand. Try again in a moment.",
        unauthorized: "Your session has ended. Sign in again, then retry.",
        csrf_failed: "Your session could not be verified. It has been renewed: try again.",
        plan_not_eligible: "3rd-party MDM sync is available on the Standard and Advanced plans only.",
        precondition_required: "The change was sent without its version. Reload the page, then try again.",
        precondition_failed: "Someone else changed these settings after you opened them.",
        idempotency_key_reused: "This save was already sent with other values. Save again.",
        idempotency_key_required: "The change was sent without its retry protection. Reload the page, then try again.",
        method_not_allowed: "The server does not accept this kind of request here.",
        payload_too_large: "The request was too large for the server.",
        bad_request: "The server could not accept the request. Reload the page, then try again.",
        malformed_json: "The server could not read the request. Reload the page, then try again.",
        key_required: "Issue or enter a key value before you turn on 3rd-party MDM sync.",
        key_in_use: "Another domain already uses this key value. Login with other domain accounts can only be \
            restricted with a unique key value: re-issue it or enter another one.",
        rate_limited: "Too many requests in a short time. Wait a moment, then try again.",
        unavailable: "The service is temporarily unavailable. Try again in a moment.",
        not_found: "The requested item does not exist.",
        server: "Something went wrong on the server. Nothing was changed. Try again.",
    },
};
