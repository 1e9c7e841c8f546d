"""Topics whose hero is not a person (issue 16): two animal topics and a robot topic,
rendered offline with the built-in writer and illustrator, each held to every STANDARDS
check (check_video) and to fitting its topic: the hero is the kind the topic names, every
character in view has a pose and the story uses several, one scene at least is spoken by
a character in the first person, the topic's own word appears in what it tells or shows, and no
narration reads the topic back."""
import os
import re
from sclib import check, check_video, finish, storycut, workdir

def first_person(text, lang):
    """English: I, my, me, we ... as a word; Korean: the speaker's own word, or a sentence
    that ends in a spoken ending (-어, -야, -구나), not the narrator's -다."""
    if lang == "ko":
        return any(w in text for w in ("나는", "내가", "나도", "내 ", "나를", "우리")) or \
            any(not s.rstrip().endswith("다") for s in re.split(r"[.!?]", text) if s.strip())
    return bool(re.search(r"\b(I|I'm|I've|I'll|I'd|my|me|mine|myself|we|we're|our|us)\b", text, re.I))


CASES = [
    # (name, topic, lang, format, seconds, hero kind, a word of the topic the story must use)
    ("cat", "A cat who wants to become the town's mail carrier", "en", "short", 20, "cat", "mail"),
    ("whale", "바다를 건너 엄마를 찾아가는 아기 고래", "ko", "short", 20, "whale", "바다"),
    ("robot", "폐허가 된 도시에 남은 마지막 배달 로봇", "ko", "long", 40, "robot", "배달"),
]

for name, topic, lang, fmt, seconds, hero_kind, word in CASES:
    out = os.path.join(workdir("kinds-" + name), "job")
    r = storycut("make", topic, "--lang", lang, "--format", fmt, "--duration", str(seconds), "--out", out, "--quiet")
    check(r.returncode == 0, f"{name}: storycut make exits 0 ({r.returncode}: {r.stderr[-300:]})")
    if r.returncode != 0:
        continue
    manifest, _ = check_video(out, fmt, seconds, lang)
    story = manifest["story"]
    chars = {c["id"]: c for c in story["characters"]}
    hero = story["characters"][0]
    check(hero.get("kind") == hero_kind, f"{name}: the hero is a {hero_kind} ({hero.get('kind')})")
    for i, done in enumerate(manifest["scenes"], 1):
        if "picture_check" in done:
            check(done["picture_check"]["ok"], f"{name}: scene {i}'s picture shows its characters ({done['picture_check']})")
    poses = set()
    for i, sc in enumerate(story["scenes"], 1):
        in_view, pose = sc.get("characters", []), sc.get("pose", [])
        check(len(pose) == len(in_view), f"{name}: scene {i} has a pose per character in view ({pose} for {in_view})")
        poses.update(pose)
    check(len(poses) >= 3, f"{name}: the story uses at least three poses ({sorted(poses)})")
    spoken = [sc for sc in story["scenes"] if sc.get("speaker", "narrator") != "narrator"]
    check(bool(spoken), f"{name}: a character speaks at least one scene")
    for sc in spoken:
        check(sc["speaker"] in chars, f"{name}: speaker {sc['speaker']} is a character")
        check(first_person(sc["narration"], lang), f"{name}: a spoken scene is in the first person ({sc['narration'][:80]})")
    narration = " ".join(sc["narration"] for sc in story["scenes"])
    told = " ".join([story["title"], narration] + [sc["visual"] for sc in story["scenes"]])
    check(word.lower() in told.lower(), f"{name}: the story is about its topic ('{word}' in its title, narration or pictures)")
    check(topic.lower().rstrip("?") not in narration.lower(), f"{name}: no narration reads the topic back")
finish()
