//! The document shell and the route table: the one place that lists every page.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use crate::components::client_assets::ClientAssets;
use crate::components::layout::{Page, StaticHead};
use crate::pages::account::{
    accept_invitation::AcceptInvitationPage, confirm_email::ConfirmEmailPage,
    forgot_password::ForgotPasswordPage, overview::AccountPage, register::RegisterPage,
    reminders::RemindersByLinkPage, reset_password::ResetPasswordPage, sign_in::SignInPage,
};
use crate::pages::admin::{
    audit::AuditPage,
    invite::InvitePage,
    modules::ModulesPage,
    ods::OdsImportPage,
    organisation::{PracticePage, RegionPage},
    organisations::OrganisationsPage,
    people::PeoplePage,
    person::PersonPage,
};
use crate::pages::authoring::{
    analysis::AnalysisPage, compare::ComparePage, details::DetailsPage, item::ItemPage, lists::ListsPage,
    new_case::NewCasePage, new_module::NewModulePage, node::NodePage, preview::PreviewPage,
    studio::StudioPage, version::VersionPage,
};
use crate::pages::campaigns::{campaign::CampaignPage, list::CampaignsPage, new::NewCampaignPage};
use crate::pages::evidence::verify::VerifyPage;
use crate::pages::learning::{
    catalogue::CataloguePage, follow_up::FollowUpPage, module::ModulePage, my_learning::MyLearningPage,
    player::PlayerPage, results::ResultsPage,
};
use crate::pages::reports::change::PrescribingChangePage;
use crate::pages::reports::dashboard::ReportsPage;
use crate::pages::reports::prescribing::PrescribingPage;
use crate::pages::{accessibility::AccessibilityStatement, home::HomePage, not_found::NotFound};

/// Renders the whole HTML document on the server; in the browser only the islands inside it hydrate.
/// The WebAssembly client is loaded by the islands that need it ([`IslandScripts`]), not here.
///
/// [`IslandScripts`]: crate::components::client_assets::IslandScripts
pub fn shell(assets: ClientAssets) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::security::record_page_nonce();
    provide_context(assets);
    // What is rendered outside islands is never hydrated, so it carries no hydration data; each
    // island switches it on for itself. (Leptos's hydration scripts did this from the head.)
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <StaticHead />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The document's title for a page. leptos_meta (0.8.7) writes the title into the server's HTML
/// without escaping it, and a title can carry an author's text, so the server escapes it here (the
/// browser sets `document.title` as text, which needs no escaping).
fn document_title(page: String) -> String {
    let title = format!("{page} – Casebook");
    #[cfg(feature = "ssr")]
    let title = html_escape::encode_text(&title).into_owned();
    title
}

/// The application: metadata context, the page frame and the routes. Every route renders
/// completely before it is sent (`SsrMode::Async`), so pages need no JavaScript and can answer
/// with the right status (404, 403) or a redirect.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=document_title />
        <Router>
            <Page>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                    <Route
                        path=StaticSegment("accessibility")
                        view=AccessibilityStatement
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("invitations"), StaticSegment("accept"))
                        view=AcceptInvitationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("modules") view=CataloguePage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("modules"), ParamSegment("slug"))
                        view=ModulePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("attempts"), ParamSegment("id"))
                        view=PlayerPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("attempts"), ParamSegment("id"), StaticSegment("results"))
                        view=ResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("me") view=MyLearningPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("follow-ups"), ParamSegment("id"))
                        view=FollowUpPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("reminders"), ParamSegment("token"))
                        view=RemindersByLinkPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("verify") view=VerifyPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("verify"), ParamSegment("code"))
                        view=VerifyPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("reports") view=ReportsPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("reports"), StaticSegment("prescribing"))
                        view=PrescribingPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("reports"), StaticSegment("prescribing-change"))
                        view=PrescribingChangePage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("campaigns") view=CampaignsPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("campaigns"), StaticSegment("new"))
                        view=NewCampaignPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("campaigns"), ParamSegment("id"))
                        view=CampaignPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("author") view=StudioPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("author"), StaticSegment("new"))
                        view=NewModulePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("author"), StaticSegment("versions"), ParamSegment("id"))
                        view=VersionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("details"),
                        )
                        view=DetailsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("lists"),
                        )
                        view=ListsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("items"),
                            ParamSegment("key"),
                        )
                        view=ItemPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("cases"),
                            StaticSegment("new"),
                        )
                        view=NewCasePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("cases"),
                            ParamSegment("case"),
                            StaticSegment("nodes"),
                            ParamSegment("key"),
                        )
                        view=NodePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("compare"),
                        )
                        view=ComparePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("preview"),
                        )
                        view=PreviewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("author"),
                            StaticSegment("versions"),
                            ParamSegment("id"),
                            StaticSegment("analysis"),
                        )
                        view=AnalysisPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("people"))
                        view=PeoplePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("people"), StaticSegment("invite"))
                        view=InvitePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("people"), ParamSegment("id"))
                        view=PersonPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("organisations"))
                        view=OrganisationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("organisations"), StaticSegment("ods"))
                        view=OdsImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("admin"),
                            StaticSegment("organisations"),
                            StaticSegment("regions"),
                            ParamSegment("id"),
                        )
                        view=RegionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("admin"),
                            StaticSegment("organisations"),
                            StaticSegment("practices"),
                            ParamSegment("id"),
                        )
                        view=PracticePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("audit"))
                        view=AuditPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("modules"))
                        view=ModulesPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Page>
        </Router>
    }
}
