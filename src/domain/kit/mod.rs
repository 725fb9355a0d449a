//! The App Configuration kit (`app-config-kit.md`): for each MDM, the exact payload that carries the key as the
//! Managed App Configuration `LineworksAuthCode`, and the check of a value an MDM holds. Pure and shared: the
//! console's kit renders these, and the native tests parse every payload back with real parsers.
//!
//! The formats are those of each vendor's documentation, cited in `docs/app-config-kit.md`.

mod check;
mod escape;
mod number;
mod reading;
mod variables;
mod verdict;

pub use check::check_value;
pub use escape::{json_string, xml_text};
pub use reading::{Found, Wrapper};
pub use variables::Variable;
pub use verdict::{Against, Difference, Escape, Lookalike, NameProblem, NumberSign, Reading, Verdict};

use super::api::{ManagedApp, CONFIG_KEY};

/// The MDMs the kit knows, in the order the admin picks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mdm {
    IntuneIos,
    IntuneAndroid,
    JamfPro,
    WorkspaceOne,
    IvantiEpmm,
    AndroidManagement,
    AppConfigSpecfile,
}

/// Which identifier of an app a payload names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Ios,
    Android,
}

impl Mdm {
    pub const ALL: [Mdm; 7] = [
        Mdm::IntuneIos,
        Mdm::IntuneAndroid,
        Mdm::JamfPro,
        Mdm::WorkspaceOne,
        Mdm::IvantiEpmm,
        Mdm::AndroidManagement,
        Mdm::AppConfigSpecfile,
    ];

    /// A stable name, for the option's value and the downloaded file's name.
    pub fn id(self) -> &'static str {
        match self {
            Mdm::IntuneIos => "intune-ios",
            Mdm::IntuneAndroid => "intune-android",
            Mdm::JamfPro => "jamf-pro",
            Mdm::WorkspaceOne => "workspace-one",
            Mdm::IvantiEpmm => "ivanti-epmm",
            Mdm::AndroidManagement => "android-management",
            Mdm::AppConfigSpecfile => "appconfig-specfile",
        }
    }

    pub fn from_id(id: &str) -> Option<Mdm> {
        Mdm::ALL.into_iter().find(|mdm| mdm.id() == id)
    }

    pub fn platform(self) -> Platform {
        match self {
            Mdm::IntuneAndroid | Mdm::AndroidManagement => Platform::Android,
            _ => Platform::Ios,
        }
    }

    /// Whether the payload names one app, so that the admin makes one per app (the others are set per app in the
    /// MDM's console, or name every app at once).
    pub fn per_app(self) -> bool {
        matches!(self, Mdm::IntuneAndroid | Mdm::WorkspaceOne | Mdm::AppConfigSpecfile)
    }

    /// The variable syntaxes this MDM substitutes in a String value (`docs/app-config-kit.md`, "Variable
    /// substitution"). The AppConfig specfile stands for any other MDM, Japanese ones included: every syntax known.
    pub fn variables(self) -> &'static [Variable] {
        match self {
            Mdm::IntuneIos | Mdm::IntuneAndroid => &[Variable::DoubleBraces],
            Mdm::JamfPro => &[Variable::DollarName],
            Mdm::WorkspaceOne => &[Variable::Braces],
            Mdm::IvantiEpmm => &[Variable::DollarPair, Variable::DollarBraces],
            // The API takes the value as it is; the EMM that calls it may not, which its own docs say.
            Mdm::AndroidManagement => &[],
            Mdm::AppConfigSpecfile => &Variable::ALL,
        }
    }

    /// The first part of `key` this MDM would replace with a value of its own, and the syntax it reads there.
    pub fn rewritten(self, key: &str) -> Option<(Variable, &str)> {
        self.variables()
            .iter()
            .filter_map(|&variable| variable.find(key).map(|range| (variable, range)))
            .min_by_key(|(_, range)| range.start)
            .map(|(variable, range)| (variable, &key[range]))
    }

    /// Whether this MDM would change `key` on its way to the devices.
    pub fn would_rewrite(self, key: &str) -> bool {
        self.rewritten(key).is_some()
    }

    /// What the admin types the configuration into, which decides the escaping that is right there.
    pub fn field(self) -> Field {
        match self {
            // "Enter XML data", Jamf's Preferences, the uploaded plist and specfile.
            Mdm::IntuneIos | Mdm::JamfPro | Mdm::IvantiEpmm | Mdm::AppConfigSpecfile => Field::Xml,
            // "Enter JSON data", and the policy's JSON.
            Mdm::IntuneAndroid | Mdm::AndroidManagement => Field::Json,
            // A configuration value typed into a row.
            Mdm::WorkspaceOne => Field::Plain,
        }
    }
}

/// The MDMs that would change `key` on its way to the devices, in the kit's order.
pub fn rewriting(key: &str) -> Vec<Mdm> {
    Mdm::ALL.into_iter().filter(|mdm| mdm.would_rewrite(key)).collect()
}

/// What an MDM's configuration is typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// XML text: `&amp;` there is `&` on the device.
    Xml,
    /// JSON text: `\\` there is `\` on the device.
    Json,
    /// The value itself.
    Plain,
}

/// What the admin pastes or uploads: the text, and the file it downloads as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    pub text: String,
    pub file_name: String,
    pub media_type: &'static str,
}

/// The apps a payload can be made for: those with the identifier its platform needs.
pub fn apps_for(mdm: Mdm, apps: &[ManagedApp]) -> Vec<&ManagedApp> {
    apps.iter().filter(|app| identifier(app, mdm.platform()).is_some()).collect()
}

fn identifier(app: &ManagedApp, platform: Platform) -> Option<&str> {
    match platform {
        Platform::Ios => app.ios_bundle_id.as_deref(),
        Platform::Android => app.android_package.as_deref(),
    }
    .filter(|id| !id.is_empty())
}

/// The payload of `mdm` carrying `key`. `app` is the app it is for when the format names one (`Mdm::per_app`);
/// `apps` are all the apps in scope, for the format that names every Android app at once. `None` when an app the
/// format needs has no identifier for the platform.
pub fn payload(mdm: Mdm, key: &str, app: Option<&ManagedApp>, apps: &[ManagedApp]) -> Option<Payload> {
    let xml = |text: String, name: String| Payload { text, file_name: name, media_type: "application/xml" };
    let json = |text: String, name: String| Payload { text, file_name: name, media_type: "application/json" };
    let app_file =
        |app: &ManagedApp, extension: &str| format!("lineworks-appconfig-{}-{}.{extension}", mdm.id(), app.id);
    Some(match mdm {
        Mdm::IntuneIos | Mdm::JamfPro => xml(plist_dict(key), format!("lineworks-appconfig-{}.xml", mdm.id())),
        Mdm::IvantiEpmm => Payload {
            text: format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
                 <plist version=\"1.0\">\n{}</plist>\n",
                plist_dict(key)
            ),
            file_name: format!("lineworks-appconfig-{}.plist", mdm.id()),
            media_type: "application/x-plist",
        },
        Mdm::IntuneAndroid => {
            let app = app?;
            let package = identifier(app, Platform::Android)?;
            json(
                format!(
                    "{{\n  \"kind\": \"androidenterprise#managedConfiguration\",\n  \"productId\": {},\n  \
                     \"managedProperty\": [\n    {{ \"key\": {}, \"valueString\": {} }}\n  ]\n}}\n",
                    json_string(&format!("app:{package}")),
                    json_string(CONFIG_KEY),
                    json_string(key)
                ),
                app_file(app, "json"),
            )
        }
        Mdm::AndroidManagement => {
            let entries: Vec<String> = apps_for(mdm, apps)
                .into_iter()
                .filter_map(|app| identifier(app, Platform::Android))
                .map(|package| {
                    format!(
                        "    {{\n      \"packageName\": {},\n      \"managedConfiguration\": {{\n        {}: {}\n      }}\n    }}",
                        json_string(package),
                        json_string(CONFIG_KEY),
                        json_string(key)
                    )
                })
                .collect();
            if entries.is_empty() {
                return None;
            }
            json(
                format!("{{\n  \"applications\": [\n{}\n  ]\n}}\n", entries.join(",\n")),
                format!("lineworks-appconfig-{}.json", mdm.id()),
            )
        }
        Mdm::WorkspaceOne | Mdm::AppConfigSpecfile => {
            let app = app?;
            let bundle = identifier(app, Platform::Ios)?;
            xml(specfile(key, bundle), app_file(app, "xml"))
        }
    })
}

/// The `<dict>` that Intune ("Enter XML data") and Jamf Pro ("Preferences") take as it is, and a plist wraps.
fn plist_dict(key: &str) -> String {
    format!("<dict>\n  <key>{CONFIG_KEY}</key>\n  <string>{}</string>\n</dict>\n", xml_text(key))
}

/// The AppConfig Community specfile for one iOS app. The value stays on one line: indentation inside `<value>`
/// would become part of the key.
fn specfile(key: &str, bundle_id: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <managedAppConfiguration xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:noNamespaceSchemaLocation=\"https://storage.googleapis.com/appconfig-media/appconfigschema.xsd\">\n  \
         <version>1</version>\n  <bundleId>{}</bundleId>\n  <dict>\n    <string keyName=\"{CONFIG_KEY}\">\n      \
         <defaultValue>\n        <value>{}</value>\n      </defaultValue>\n    </string>\n  </dict>\n\
         </managedAppConfiguration>\n",
        xml_text(bundle_id),
        xml_text(key)
    )
}

#[cfg(test)]
mod check_cases_tests;
#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod tests;
