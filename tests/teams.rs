//! Team refusals and statuses in plain Chinese.

use station_app::api::{decode_response, ApiError};
use station_app::i18n::Locale;
use station_app::pages::teams::{status_label, team_error};
use station_wire::problem::PROBLEM_JSON;
use station_wire::teams::{MembershipStatus, MyTeam};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ZH: Locale = Locale::ZhCn;

fn problem(status: u16, kind: &str) -> ApiError {
    let body = format!(r#"{{"type":"urn:station:problem:{kind}","title":"x","status":{status}}}"#);
    decode_response::<MyTeam>(status, Some(PROBLEM_JSON), &body).unwrap_err()
}

/// Each refusal about a team by its own type: a raced hand-over is not "you are a member already".
#[wasm_bindgen_test]
fn each_team_refusal_is_said_in_its_own_words() {
    for (kind, text) in [
        ("already-in-team", "你已经是这个队的队员，或已经提交过申请"),
        ("leads-team", "你是这个队的队长：请先把队伍交给一名队员"),
        (
            "not-a-member",
            "只有已加入的队员才能担任队长，请先通过他的申请",
        ),
        ("leader-changed", "队长刚刚已经更换，请刷新后再看"),
        ("conflict", "这个操作与队伍的当前状态冲突，请刷新后再试"),
    ] {
        assert_eq!(team_error(ZH, &problem(409, kind)), text, "{kind}");
    }
    assert_eq!(
        team_error(ZH, &problem(404, "not-found")),
        "没有找到这个志愿服务队"
    );
    assert_eq!(
        team_error(ZH, &problem(403, "forbidden")),
        "只有这个队的队长和它所属站点的工作人员可以管理队员"
    );
    assert_eq!(
        team_error(ZH, &ApiError::Network),
        "网络连接失败，请检查网络后重试"
    );
}

#[wasm_bindgen_test]
fn statuses_read_as_pending_joined_and_leader() {
    assert_eq!(status_label(ZH, MembershipStatus::Pending), "申请中");
    assert_eq!(status_label(ZH, MembershipStatus::Member), "已加入");
    assert_eq!(status_label(ZH, MembershipStatus::Leader), "队长");
}
