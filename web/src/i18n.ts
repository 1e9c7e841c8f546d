/** The app's words in English and Korean. The language follows the browser's until the
 * user picks one (kept in localStorage). Every Korean entry must exist: the type of `ko`
 * is the set of English keys. The engine's words (formats, languages, styles, statuses,
 * stages) come from edge/src/vocab.gen.ts; wordLabel and LANG_NAMES make each need a
 * label here. */
import { type Format, type Lang, type Stage, STAGES, type Status, type Style } from "../../edge/src/vocab.gen";

const en = {
  "nav.main": "Main",
  "nav.home": "Home",
  "nav.new": "New video",
  "nav.library": "My videos",
  "nav.credits": "Credits: {n}",
  "nav.logout": "Sign out",
  "nav.language": "Language",

  "home.headline": "Type a topic. Get a narrated video.",
  "home.lead": "Storycut writes the story, draws every scene with the same characters, narrates it, adds subtitles and music, and hands you a title, description and hashtags to publish with.",
  "home.start": "Start free",
  "home.feature_story": "A story in scenes from a topic, or your own script word for word.",
  "home.feature_voice": "Narration, timed subtitles, music and camera motion, in English or Korean.",
  "home.feature_kit": "Shorts (9:16) and long videos (16:9) with a ready publishing kit.",

  "auth.login": "Sign in",
  "auth.signup": "Sign up",
  "auth.signup_lead": "New accounts get free credits for their first videos.",
  "auth.create_account": "Create account",
  "auth.email": "Email",
  "auth.password": "Password",
  "auth.password_hint": "At least {n} characters.",
  "auth.email_invalid": "Enter an email address such as name@example.com.",
  "auth.password_short": "Use at least {n} characters.",
  "auth.password_missing": "Enter your password.",
  "auth.need_account": "No account yet? Sign up",
  "auth.have_account": "Already have an account? Sign in",

  "create.title": "Make a new video",
  "create.mode": "Start from",
  "create.mode_topic": "A topic",
  "create.mode_script": "My own script",
  "create.topic": "Topic",
  "create.topic_placeholder": "A lighthouse keeper who finds a message in a bottle",
  "create.topic_hint": "One sentence is enough (at most {n} characters).",
  "create.topic_missing": "Enter a topic, such as \"a lighthouse keeper's last night\".",
  "create.script": "Script",
  "create.script_placeholder": "Paste your text. Every word is narrated as written.",
  "create.script_hint": "Every word is kept; blank lines start new scenes.",
  "create.script_missing": "Paste the text to narrate.",
  "create.script_long": "The script is longer than 256 KiB; shorten it.",
  "create.format": "Format",
  "create.format_short": "Short (9:16)",
  "create.format_long": "Long (16:9)",
  "create.duration": "Length in seconds",
  "create.duration_hint": "15 to 600 seconds.",
  "create.duration_range": "Choose {min} to {max} seconds.",
  "create.lang": "Language",
  "create.style": "Visual style",
  "create.voice": "Voice",
  "create.voice_default": "Default voice",
  "create.cost": "This video costs {cost} credits. You have {have}.",
  "create.cost_short": "This video costs {cost} credits but you have {have}. Choose a shorter length.",
  "create.cost_unknown": "Choose a length to see the cost.",
  "create.cost_script": "Read aloud, this script needs a video of about {seconds} seconds: it costs {cost} credits. You have {have}.",
  "create.cost_script_short": "Read aloud, this script needs a video of about {seconds} seconds: it costs {cost} credits but you have {have}. Shorten the script.",
  "create.script_too_long": "Read aloud, this script needs a video of about {seconds} seconds; a video can be at most {max} seconds. Shorten the script.",
  "create.submit": "Make my video",

  "style.storybook": "Storybook",
  "style.cinematic": "Cinematic",
  "style.noir": "Noir",
  "style.pastel": "Pastel",

  "status.queued": "Waiting",
  "status.running": "Making",
  "status.completed": "Ready",
  "status.failed": "Failed",
  "status.canceled": "Canceled",

  "stage.queued": "waiting to start",
  "stage.waiting_for_engine": "waiting for a free engine",
  "stage.story": "writing the story",
  "stage.plan": "planning scenes",
  "stage.pictures": "drawing pictures",
  "stage.narration": "recording narration",
  "stage.clips": "animating clips",
  "stage.music": "scoring music",
  "stage.subtitles": "timing subtitles",
  "stage.compose": "putting the video together",
  "stage.publish": "preparing the publishing kit",
  "stage.editing": "applying your edit",
  "stage.done": "done",
  "stage.state_done": "done",
  "stage.state_running": "in progress",
  "stage.state_skipped": "already done",

  "project.title": "Video",
  "project.untitled": "Untitled video",
  "project.not_found": "This video does not exist",
  "project.back": "Back to my videos",
  "project.stages": "Steps",
  "project.progress": "{pct}% — {stage}",
  "project.progress_eta": "{pct}% — {stage} (about {s} s left)",
  "project.queued": "Your video is in line and will start shortly.",
  "project.waiting_engine": "All rendering engines are busy right now. We keep retrying automatically; you can leave this page.",
  "project.failed": "The video could not be made.",
  "project.canceled": "The video was canceled.",
  "project.refunded": "Your {n} credits were returned.",
  "project.refused_hint": "The picture or voice service refused part of this story under its content policy. Try again with different wording.",
  "project.reconnecting": "Connection lost; reconnecting…",
  "project.delete": "Delete",
  "project.deleted": "The video was deleted.",

  "board.title": "Storyboard",
  "board.scene": "Scene {n}",
  "board.picture_pending": "Scene {n}: picture not drawn yet",
  "board.picture_alt": "Picture of scene {n}",
  "board.picture_wait": "Picture: waiting",
  "board.picture_done": "Picture: ready",
  "board.voice_wait": "Narration: waiting",
  "board.voice_done": "Narration: ready",
  "board.visual_line": "Picture: {text}",
  "board.edit": "Edit scene",
  "board.edit_named": "Edit scene {n}",
  "board.narration": "Narration",
  "board.visual": "Picture description",
  "board.regenerate": "Regenerate this scene",
  "board.nothing_changed": "Change the narration or the picture description first.",
  "board.regenerating": "Regenerating scene {n}; the video updates when it is done.",
  "board.cost": "Regenerating this scene costs {cost} credits, returned if it fails.",
  "board.cost_longer": "With this narration the video becomes about {seconds} seconds long: regenerating this scene costs {cost} credits, returned if it fails.",

  "result.heading": "Your video",
  "result.player": "Video: {title}",
  "result.title": "Title",
  "result.description": "Description",
  "result.hashtags": "Hashtags",
  "result.chapters": "Chapters",
  "result.copy_title": "Copy title",
  "result.copy_description": "Copy description",
  "result.copy_hashtags": "Copy hashtags",
  "result.copied": "Copied.",
  "result.copy_failed": "Could not copy; select the text and copy it yourself.",
  "result.downloads": "Downloads",
  "result.thumbnail": "Thumbnail",
  "result.download_mp4": "Video (MP4)",
  "result.download_srt": "Subtitles (SRT)",
  "result.download_vtt": "Subtitles (VTT)",
  "result.download_thumbnail": "Thumbnail (PNG)",
  "result.recompose": "Recompose video",
  "result.recompose_hint": "Rebuilds the video from the current scenes without redrawing them.",
  "result.recomposing": "Recomposing; the video updates when it is done.",

  "library.title": "My videos",
  "library.empty": "No videos yet.",
  "library.first": "Make your first one.",
  "library.more": "Show more",
  "library.seconds": "{n} s",
  "library.delete_named": "Delete {name}",

  "dialog.cancel": "Cancel",
  "dialog.delete_title": "Delete this video?",
  "dialog.delete_text": "\"{name}\" and all its files will be deleted. This cannot be undone.",

  "error.title": "Something went wrong",
  "error.network": "Storycut cannot be reached. Check your connection and try again.",
  "error.credits": "You do not have enough credits for this video. Choose a shorter length.",
  "error.engine_busy": "The rendering engine is busy right now; nothing was changed. Try again in {wait} seconds.",
  "error.email_taken": "An account with this email already exists. Sign in instead.",
  "error.bad_credentials": "The email or password is wrong.",
  "error.too_many_attempts": "Too many failed sign-ins. Wait a few minutes and try again.",
  "error.session_ended": "Your session has ended. Sign in again.",
  "error.not_found": "This was not found. It may have been deleted.",
  "error.not_completed": "Only a finished video can be edited. Wait until it is ready.",
  "error.changed": "The video changed meanwhile. Reload the page and try again.",
  "error.not_configured": "The service is not fully set up yet. Please try again later.",
  "error.invalid": "Please check: {detail}",
  "error.server": "Something went wrong on our side. Please try again in a moment.",
  "error.unexpected": "Something unexpected happened. Please try again.",

  "notfound.title": "Page not found",
  "notfound.home": "Go to the start page",
};

export type Key = keyof typeof en;

const ko: Record<Key, string> = {
  "nav.main": "메뉴",
  "nav.home": "홈",
  "nav.new": "새 영상",
  "nav.library": "내 영상",
  "nav.credits": "크레딧: {n}",
  "nav.logout": "로그아웃",
  "nav.language": "언어",

  "home.headline": "주제를 입력하면 내레이션 영상이 완성됩니다.",
  "home.lead": "Storycut이 이야기를 쓰고, 같은 인물로 모든 장면을 그리고, 내레이션과 자막, 음악을 넣은 뒤 게시용 제목, 설명, 해시태그까지 만들어 드립니다.",
  "home.start": "무료로 시작하기",
  "home.feature_story": "주제로 장면별 이야기를 만들거나, 내 대본을 그대로 사용합니다.",
  "home.feature_voice": "한국어와 영어 내레이션, 시간에 맞춘 자막, 음악, 카메라 움직임.",
  "home.feature_kit": "쇼츠(9:16)와 긴 영상(16:9), 바로 쓰는 게시 키트.",

  "auth.login": "로그인",
  "auth.signup": "회원가입",
  "auth.signup_lead": "새 계정에는 첫 영상을 위한 무료 크레딧이 제공됩니다.",
  "auth.create_account": "계정 만들기",
  "auth.email": "이메일",
  "auth.password": "비밀번호",
  "auth.password_hint": "{n}자 이상.",
  "auth.email_invalid": "name@example.com 같은 이메일 주소를 입력하세요.",
  "auth.password_short": "{n}자 이상 입력하세요.",
  "auth.password_missing": "비밀번호를 입력하세요.",
  "auth.need_account": "계정이 없나요? 회원가입",
  "auth.have_account": "이미 계정이 있나요? 로그인",

  "create.title": "새 영상 만들기",
  "create.mode": "시작 방법",
  "create.mode_topic": "주제",
  "create.mode_script": "내 대본",
  "create.topic": "주제",
  "create.topic_placeholder": "병 속 편지를 발견한 등대지기",
  "create.topic_hint": "한 문장이면 충분합니다(최대 {n}자).",
  "create.topic_missing": "\"등대지기의 마지막 밤\"처럼 주제를 입력하세요.",
  "create.script": "대본",
  "create.script_placeholder": "글을 붙여 넣으세요. 모든 단어를 그대로 읽습니다.",
  "create.script_hint": "모든 단어가 유지되며, 빈 줄에서 새 장면이 시작됩니다.",
  "create.script_missing": "읽을 글을 붙여 넣으세요.",
  "create.script_long": "대본이 256KiB보다 깁니다. 줄여 주세요.",
  "create.format": "형식",
  "create.format_short": "쇼츠 (9:16)",
  "create.format_long": "긴 영상 (16:9)",
  "create.duration": "길이(초)",
  "create.duration_hint": "15초에서 600초.",
  "create.duration_range": "{min}초에서 {max}초 사이로 정하세요.",
  "create.lang": "언어",
  "create.style": "그림 스타일",
  "create.voice": "목소리",
  "create.voice_default": "기본 목소리",
  "create.cost": "이 영상은 {cost} 크레딧입니다. 보유: {have}.",
  "create.cost_short": "이 영상은 {cost} 크레딧인데 {have} 크레딧이 있습니다. 더 짧게 정하세요.",
  "create.cost_unknown": "길이를 정하면 비용이 표시됩니다.",
  "create.cost_script": "소리 내어 읽으면 이 대본은 약 {seconds}초 길이의 영상이 필요합니다. 비용은 {cost} 크레딧입니다. 보유: {have}.",
  "create.cost_script_short": "소리 내어 읽으면 이 대본은 약 {seconds}초 길이의 영상이 필요합니다. 비용은 {cost} 크레딧인데 {have} 크레딧이 있습니다. 대본을 줄여 주세요.",
  "create.script_too_long": "소리 내어 읽으면 이 대본은 약 {seconds}초 길이의 영상이 필요하지만 영상은 최대 {max}초입니다. 대본을 줄여 주세요.",
  "create.submit": "영상 만들기",

  "style.storybook": "동화책",
  "style.cinematic": "영화",
  "style.noir": "누아르",
  "style.pastel": "파스텔",

  "status.queued": "대기 중",
  "status.running": "만드는 중",
  "status.completed": "완성",
  "status.failed": "실패",
  "status.canceled": "취소됨",

  "stage.queued": "시작을 기다리는 중",
  "stage.waiting_for_engine": "빈 엔진을 기다리는 중",
  "stage.story": "이야기 쓰는 중",
  "stage.plan": "장면 계획 중",
  "stage.pictures": "그림 그리는 중",
  "stage.narration": "내레이션 녹음 중",
  "stage.clips": "영상 클립 만드는 중",
  "stage.music": "음악 만드는 중",
  "stage.subtitles": "자막 맞추는 중",
  "stage.compose": "영상 합치는 중",
  "stage.publish": "게시 키트 준비 중",
  "stage.editing": "수정 사항 적용 중",
  "stage.done": "완료",
  "stage.state_done": "완료",
  "stage.state_running": "진행 중",
  "stage.state_skipped": "이미 완료",

  "project.title": "영상",
  "project.untitled": "제목 없는 영상",
  "project.not_found": "없는 영상입니다",
  "project.back": "내 영상으로 돌아가기",
  "project.stages": "단계",
  "project.progress": "{pct}% — {stage}",
  "project.progress_eta": "{pct}% — {stage} (약 {s}초 남음)",
  "project.queued": "영상이 순서를 기다리고 있으며 곧 시작됩니다.",
  "project.waiting_engine": "지금은 모든 렌더링 엔진이 바쁩니다. 자동으로 계속 다시 시도하니 이 페이지를 떠나도 됩니다.",
  "project.failed": "영상을 만들지 못했습니다.",
  "project.canceled": "영상이 취소되었습니다.",
  "project.refunded": "{n} 크레딧이 반환되었습니다.",
  "project.refused_hint": "그림 또는 음성 서비스가 콘텐츠 정책에 따라 이야기의 일부를 거절했습니다. 다른 표현으로 다시 시도하세요.",
  "project.reconnecting": "연결이 끊겼습니다. 다시 연결하는 중…",
  "project.delete": "삭제",
  "project.deleted": "영상을 삭제했습니다.",

  "board.title": "스토리보드",
  "board.scene": "장면 {n}",
  "board.picture_pending": "장면 {n}: 아직 그리지 않음",
  "board.picture_alt": "장면 {n} 그림",
  "board.picture_wait": "그림: 대기",
  "board.picture_done": "그림: 완료",
  "board.voice_wait": "내레이션: 대기",
  "board.voice_done": "내레이션: 완료",
  "board.visual_line": "그림: {text}",
  "board.edit": "장면 수정",
  "board.edit_named": "장면 {n} 수정",
  "board.narration": "내레이션",
  "board.visual": "그림 설명",
  "board.regenerate": "이 장면 다시 만들기",
  "board.nothing_changed": "먼저 내레이션이나 그림 설명을 바꾸세요.",
  "board.regenerating": "장면 {n}을 다시 만드는 중입니다. 끝나면 영상이 바뀝니다.",
  "board.cost": "이 장면을 다시 만드는 데 {cost} 크레딧이 듭니다. 실패하면 돌려드립니다.",
  "board.cost_longer": "이 내레이션으로 영상이 약 {seconds}초가 됩니다. 이 장면을 다시 만드는 데 {cost} 크레딧이 들며, 실패하면 돌려드립니다.",

  "result.heading": "완성된 영상",
  "result.player": "영상: {title}",
  "result.title": "제목",
  "result.description": "설명",
  "result.hashtags": "해시태그",
  "result.chapters": "챕터",
  "result.copy_title": "제목 복사",
  "result.copy_description": "설명 복사",
  "result.copy_hashtags": "해시태그 복사",
  "result.copied": "복사했습니다.",
  "result.copy_failed": "복사하지 못했습니다. 글을 선택해 직접 복사하세요.",
  "result.downloads": "내려받기",
  "result.thumbnail": "썸네일",
  "result.download_mp4": "영상 (MP4)",
  "result.download_srt": "자막 (SRT)",
  "result.download_vtt": "자막 (VTT)",
  "result.download_thumbnail": "썸네일 (PNG)",
  "result.recompose": "영상 다시 합치기",
  "result.recompose_hint": "장면을 다시 그리지 않고 지금 장면으로 영상을 다시 만듭니다.",
  "result.recomposing": "다시 합치는 중입니다. 끝나면 영상이 바뀝니다.",

  "library.title": "내 영상",
  "library.empty": "아직 영상이 없습니다.",
  "library.first": "첫 영상을 만들어 보세요.",
  "library.more": "더 보기",
  "library.seconds": "{n}초",
  "library.delete_named": "{name} 삭제",

  "dialog.cancel": "취소",
  "dialog.delete_title": "이 영상을 삭제할까요?",
  "dialog.delete_text": "\"{name}\"과 모든 파일이 삭제됩니다. 되돌릴 수 없습니다.",

  "error.title": "문제가 생겼습니다",
  "error.network": "Storycut에 연결할 수 없습니다. 연결을 확인하고 다시 시도하세요.",
  "error.credits": "이 영상을 만들 크레딧이 부족합니다. 더 짧게 정하세요.",
  "error.engine_busy": "렌더링 엔진이 지금 바쁩니다. 아무것도 바뀌지 않았습니다. {wait}초 뒤에 다시 시도하세요.",
  "error.email_taken": "이 이메일로 된 계정이 이미 있습니다. 로그인하세요.",
  "error.bad_credentials": "이메일 또는 비밀번호가 틀렸습니다.",
  "error.too_many_attempts": "로그인 실패가 너무 많습니다. 몇 분 뒤에 다시 시도하세요.",
  "error.session_ended": "세션이 끝났습니다. 다시 로그인하세요.",
  "error.not_found": "찾을 수 없습니다. 삭제되었을 수 있습니다.",
  "error.not_completed": "완성된 영상만 수정할 수 있습니다. 완성될 때까지 기다리세요.",
  "error.changed": "그사이 영상이 바뀌었습니다. 페이지를 새로 고친 뒤 다시 시도하세요.",
  "error.not_configured": "서비스 설정이 아직 끝나지 않았습니다. 나중에 다시 시도하세요.",
  "error.invalid": "확인해 주세요: {detail}",
  "error.server": "저희 쪽에 문제가 생겼습니다. 잠시 뒤 다시 시도하세요.",
  "error.unexpected": "예상하지 못한 문제가 생겼습니다. 다시 시도하세요.",

  "notfound.title": "페이지를 찾을 수 없습니다",
  "notfound.home": "첫 페이지로 가기",
};

/** Each language by its own name, for the app's and a video's language choices; the
 * type needs one for every language the engine narrates in. */
export const LANG_NAMES: Record<Lang, string> = { en: "English", ko: "한국어" };

const LANG_KEY = "storycut.lang";
/** The languages the app itself is written in (English first: the fallback). */
const dictionaries = { en, ko } satisfies Partial<Record<Lang, Record<Key, string>>>;
type UiLang = keyof typeof dictionaries;
export const UI_LANGS = Object.keys(dictionaries) as UiLang[];
const isUiLang = (code: string | null): code is UiLang => code !== null && code in dictionaries;

export function currentLang(): UiLang {
  const saved = localStorage.getItem(LANG_KEY);
  if (isUiLang(saved)) return saved;
  return UI_LANGS.find((l) => navigator.language.toLowerCase().startsWith(l)) ?? "en";
}

export function setLang(code: string): void {
  if (!isUiLang(code)) return;
  localStorage.setItem(LANG_KEY, code);
  document.documentElement.lang = code;
}

/** The text of `key` with {name} placeholders filled in. */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  return dictionaries[currentLang()][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The label of a format, style, status or stage. Its type asks for
 * "create.format_<format>", "style.<style>", "status.<status>" and "stage.<stage>" for
 * every word of edge/src/vocab.gen.ts, so a word added there without its label in both
 * languages fails `npm run check`. */
export function wordLabel(key: `create.format_${Format}` | `style.${Style}` | `status.${Status}` | `stage.${Stage}`): string {
  return t(key);
}

const isStage = (name: string): name is Stage => (STAGES as readonly string[]).includes(name);

/** A project's stage in words: an engine stage, one of the edge's own (waiting for an
 * engine, applying an edit) or, for a stage this app does not know, its name. */
export function stageName(stage: string): string {
  if (isStage(stage)) return wordLabel(`stage.${stage}`);
  const key = `stage.${stage}` as Key;
  return key in en ? t(key) : stage;
}
