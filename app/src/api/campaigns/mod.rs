//! Campaigns' server functions: each checks that the viewer leads the campaign's region (or is an
//! admin) before anything else.

pub mod act_on_campaign;
pub mod create_campaign;
pub mod list_campaigns;
pub mod set_campaign_practice;
pub mod upload_campaign_addresses;
pub mod view_campaign;
pub mod view_campaign_form;
