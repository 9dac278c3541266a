//! The TypeScript types of the IPC surface, generated from the Rust types.
//! `ui/src/lib/bindings.ts` must equal `typescript()`, and
//! `ui/src/lib/commands.ts` [`client::typescript()`]; a test enforces both.

pub mod client;

use ts_rs::{Config, TS};

use crate::clipboard_guard::CopyReceipt;
use crate::error::CommandError;
use crate::reveal::RevealedKey;
use crate::rotations::{OpenRotationsView, RotationView};
use keyturn_core::attention::{
    AttentionItem, AttentionKind, AttentionSettings, AttentionSummary, ConnectionCounts,
    NextAction, RotationPolicy, Severity, Snooze, SnoozedItem,
};
use keyturn_core::connections::connection::{
    AccountValues, ConnectionSummary, ConnectionsView, Environment, VendorKind,
};
use keyturn_core::connections::service::{
    ConnectionCheck, ConnectionDraft, RemovedConnection, SignInStart, SignInStarted,
};
use keyturn_core::keys::inventory::KeyPage;
use keyturn_core::keys::lookup::{KeyLookup, LookupGroup};
use keyturn_core::keys::model::{
    ApiKey, Capabilities, DraftField, FieldSpec, KeyDraft, KeyList, KeyStatus, KeyUpdate, LastUsed,
    LastUsedFields, MetadataValue, ScopeChoice,
};
use keyturn_core::keys::query::{KeyColumn, KeyQuery, KeySort, SortDirection};
use keyturn_core::rotation::journal::UnreadableJournal;
use keyturn_core::rotation::state::{
    KeyRef, OrphanReason, RetireAction, Rotation, RotationProblem, RotationRules, RotationStep,
    UsageSignal,
};
use keyturn_core::rotation::verification::{ConsumerCheck, KeyUse, VerificationStatus};
use keyturn_core::rotation::{RotationAction, RotationError};
use keyturn_core::storage::audit::{
    AuditAction, AuditConnection, AuditEntry, AuditFilter, AuditPage,
};
use keyturn_core::storage::export::ExportFormat;
use keyturn_core::storage::settings::Settings;
use keyturn_core::vendors::catalog::{self, AccountField, VendorInfo};
use keyturn_core::vendors::credential::{CredentialKind, OrganizationChoice, SignInStep};
use keyturn_core::vendors::error::VendorErrorKind;

pub const HEADER: &str =
    "// Generated from the Rust types in crates/keyturn-app and crates/keyturn-core by `./x bindings`. Do not edit.\n";

pub fn typescript() -> String {
    let cfg = Config::new();
    let command_error = CommandError::decl(&cfg);
    let declarations = [
        VendorKind::decl(&cfg),
        Environment::decl(&cfg),
        ConnectionSummary::decl(&cfg),
        AccountValues::decl(&cfg),
        KeyStatus::decl(&cfg),
        LastUsed::decl(&cfg),
        MetadataValue::decl(&cfg),
        ApiKey::decl(&cfg),
        DraftField::decl(&cfg),
        FieldSpec::decl(&cfg),
        LastUsedFields::decl(&cfg),
        ScopeChoice::decl(&cfg),
        Capabilities::decl(&cfg),
        KeyList::decl(&cfg),
        KeyColumn::decl(&cfg),
        SortDirection::decl(&cfg),
        KeySort::decl(&cfg),
        KeyQuery::decl(&cfg),
        KeyPage::decl(&cfg),
        crate::about::About::decl(&cfg),
        crate::locale::OsLocale::decl(&cfg),
        crate::menu::MenuAction::decl(&cfg),
        crate::app::TrayRequest::decl(&cfg),
        LookupGroup::decl(&cfg),
        KeyLookup::decl(&cfg),
        KeyDraft::decl(&cfg),
        KeyUpdate::decl(&cfg),
        VendorErrorKind::decl(&cfg),
        command_error.clone(),
        VendorInfo::decl(&cfg),
        AccountField::decl(&cfg),
        CredentialKind::decl(&cfg),
        SignInStep::decl(&cfg),
        OrganizationChoice::decl(&cfg),
        SignInStart::decl(&cfg),
        SignInStarted::decl(&cfg),
        ConnectionDraft::decl(&cfg),
        ConnectionCheck::decl(&cfg),
        RemovedConnection::decl(&cfg),
        ConnectionsView::decl(&cfg),
        RevealedKey::decl(&cfg),
        Settings::decl(&cfg),
        AuditAction::decl(&cfg),
        RotationView::decl(&cfg),
        AuditEntry::decl(&cfg),
        AuditFilter::decl(&cfg),
        AuditConnection::decl(&cfg),
        AuditPage::decl(&cfg),
        CopyReceipt::decl(&cfg),
        ExportFormat::decl(&cfg),
        KeyRef::decl(&cfg),
        UsageSignal::decl(&cfg),
        RotationRules::decl(&cfg),
        OrphanReason::decl(&cfg),
        RetireAction::decl(&cfg),
        RotationProblem::decl(&cfg),
        KeyUse::decl(&cfg),
        ConsumerCheck::decl(&cfg),
        VerificationStatus::decl(&cfg),
        RotationStep::decl(&cfg),
        Rotation::decl(&cfg),
        RotationAction::decl(&cfg),
        RotationError::decl(&cfg),
        UnreadableJournal::decl(&cfg),
        OpenRotationsView::decl(&cfg),
        Severity::decl(&cfg),
        AttentionKind::decl(&cfg),
        NextAction::decl(&cfg),
        AttentionItem::decl(&cfg),
        AttentionSettings::decl(&cfg),
        RotationPolicy::decl(&cfg),
        Snooze::decl(&cfg),
        SnoozedItem::decl(&cfg),
        ConnectionCounts::decl(&cfg),
        AttentionSummary::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for declaration in declarations {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&declaration);
        out.push('\n');
    }
    out.push_str(&command_error_kinds(&command_error));
    out.push_str(&vendor_catalog());
    out.push_str(&format!(
        "\n/** The event the window's menu sends the page a `MenuAction` with. */\nexport const MENU_EVENT = \"{}\";\n",
        crate::menu::MENU_EVENT
    ));
    out
}

/// Every `kind` of `CommandError`, read from its declaration (a union of
/// `{ "kind": "…", … }`), so the UI's check of a rejection cannot drift.
fn command_error_kinds(declaration: &str) -> String {
    let tag = "{ \"kind\": \"";
    let kinds: Vec<String> = declaration
        .split(tag)
        .skip(1)
        .map(|rest| format!("\"{}\"", &rest[..rest.find('"').expect("a closed kind")]))
        .collect();
    format!(
        "\n/** Every `kind` a `CommandError` can have. */\nexport const COMMAND_ERROR_KINDS: readonly CommandError[\"kind\"][] = [{}];\n",
        kinds.join(", ")
    )
}

/// The vendor catalog as data, so the UI has every vendor's words at once,
/// before any call (the sidebar, the key table's columns).
fn vendor_catalog() -> String {
    let catalog =
        serde_json::to_string_pretty(&catalog::vendors()).expect("the catalog serializes");
    format!(
        "\n/** Every vendor, in the order the form offers them (`catalog::vendors()`). */\nexport const VENDOR_CATALOG: readonly VendorInfo[] = {catalog};\n"
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// With KEYTURN_WRITE_BINDINGS=1 this rewrites the file (`./x bindings`);
    /// otherwise it fails when the committed file is stale.
    fn committed_is_up_to_date(file: &str, generated: &str) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/lib")
            .join(file);
        if std::env::var_os("KEYTURN_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, generated).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `./x bindings` and commit the result",
            path.display()
        );
    }

    #[test]
    fn committed_bindings_are_up_to_date() {
        committed_is_up_to_date("bindings.ts", &super::typescript());
    }

    #[test]
    fn committed_command_bindings_are_up_to_date() {
        committed_is_up_to_date("commands.ts", &super::client::typescript());
    }

    #[test]
    fn bindings_declare_every_ipc_type() {
        let ts = super::typescript();
        for name in [
            "ConnectionSummary",
            "KeyList",
            "ApiKey",
            "CommandError",
            "LastUsed",
        ] {
            assert!(
                ts.contains(&format!("export type {name} =")),
                "{name} missing"
            );
        }
        assert!(
            ts.contains("\"kind\": \"vendor\""),
            "CommandError must be tagged by kind"
        );
    }

    #[test]
    fn every_command_error_kind_is_listed() {
        let ts = super::typescript();
        let line = ts
            .lines()
            .find(|l| l.starts_with("export const COMMAND_ERROR_KINDS"))
            .expect("COMMAND_ERROR_KINDS is generated");
        for kind in ["vendor", "signedOut", "secretGone", "rotation", "internal"] {
            assert!(
                line.contains(&format!("\"{kind}\"")),
                "{kind} missing: {line}"
            );
        }
        let declaration = <crate::CommandError as ts_rs::TS>::decl(&ts_rs::Config::new());
        let declared = declaration.matches("{ \"kind\": \"").count();
        assert_eq!(line.matches(", ").count() + 1, declared);
    }
}
