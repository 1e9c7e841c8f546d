/* English phrase bank for the built-in writer (see story_bank.h for placeholders).
 * Beats mix short and long sentences so the writer can fit any duration; details are
 * longer so a long scene can be filled in at most four sentences. */
#include "providers/story/story_bank.h"

static const char *const hook[] = {
    "This is the story of {T}.",
    "It started with {T}, and with {A}, who had no idea what was coming.",
    "{T}: that is where everything changed for {A}.",
    "Here is a story about {T}, told the way {A} remembers it.",
    "Of all the strange things that ever happened {IN}, none compares to {T}.",
    "Listen closely, because {T} is not the kind of tale you hear twice.",
    "Everyone {IN} had heard about {T}, but only {A} went looking for the truth.",
    "Some stories whisper; this one begins with {T}.",
    "Nobody believed in {T}, until the night {A} saw it with their own eyes.",
    "Picture {T}, and a quiet evening {IN} when nothing seemed out of place.",
};

static const char *const build[] = {
    "{A} kept searching.",
    "Nobody else noticed.",
    "{A} followed the clues.",
    "{A} followed every clue about {K}.",
    "Day after day, {A} learned more about {K}, and each answer raised a new question.",
    "{B} warned {A} to stay away from {K}.",
    "The closer {A} came to {K}, the stranger everything {IN} began to feel.",
    "{A} and {B} made a plan.",
    "Small signs appeared {IN}: footprints, a missing key, a light where none should be.",
    "{A} could not stop thinking about {K}.",
    "Each step brought {A} closer to the heart of {K}.",
    "Nobody else seemed to notice, but {A} was sure {K} was hiding something.",
    "{A} asked {B} for help, and together they searched every corner {IN}.",
};

static const char *const twist[] = {
    "Then everything changed.",
    "Nobody saw it coming.",
    "The truth was stranger still.",
    "Then came the surprise: {K} had been waiting for {A} all along.",
    "But the truth about {K} was not what anyone expected.",
    "Suddenly everything flipped, and {A} realised {B} had known the secret from the start.",
    "The last clue pointed somewhere impossible, straight back to {A}'s own past.",
    "And then every light {IN} went out.",
    "It turned out {K} was never the problem; it was the answer.",
    "What {A} found next changed the meaning of every step before it.",
    "Hidden under the dust was a name, and the name was {A}'s.",
    "In one silent moment, {A} understood why {K} mattered so much.",
};

static const char *const payoff[] = {
    "{A} finally understood.",
    "And {A} smiled.",
    "Everything was right again.",
    "In the end, {A} learned that {K} was a gift, not a burden.",
    "By sunrise, everything {IN} felt like home again.",
    "{A} smiled, because some mysteries are worth keeping.",
    "And that is how {T} became a story people still tell {IN}.",
    "{A} and {B} walked home together, lighter than before.",
    "Sometimes the bravest thing is simply to keep going, and {A} did.",
    "From that day on, {A} never looked at {K} the same way again.",
    "The journey was over, but {A} knew a new one was just beginning.",
    "What began with {K} ended with a promise {A} would keep for life.",
};

static const char *const setup[] = {
    "{A} lived {IN}.",
    "{A} was curious.",
    "{A} lived a quiet life {IN}, where every day looked much like the last.",
    "Every morning, {A} walked the same path {IN}, counting the hours.",
    "{A} was known {IN} for a stubborn heart and a curious mind.",
    "{B} had been {A}'s closest friend for years, the only one who truly listened.",
    "Life {IN} moved slowly, and {A} liked it that way, at least at first.",
    "People said {A} asked too many questions, especially about {K}.",
    "Long ago, {A} had promised never to leave {P}.",
    "There was one thing {A} wanted more than anything: to understand {K}.",
    "{P} was the kind of place where secrets lasted for generations.",
};

static const char *const confront[] = {
    "Nothing went as planned.",
    "Then {C} appeared.",
    "{A} failed at first.",
    "The first attempt failed, and {A} had to start over with nothing.",
    "{C} appeared with a warning that sounded more like a threat.",
    "Storm after storm tested {A}'s patience, but the questions about {K} would not go away.",
    "{A} and {B} argued for the first time, each sure the other was wrong.",
    "Every door {IN} seemed to close just as {A} reached it.",
    "The deeper {A} dug into {K}, the more dangerous the search became.",
    "A missing page, a broken lock, a stranger's footsteps: the signs were everywhere.",
    "For a while it seemed that {A} would have to give up on {K} for good.",
    "{A} pushed on alone, because turning back was no longer possible.",
};

static const char *const resolve[] = {
    "At last, {A} understood.",
    "{A} did not give up.",
    "Slowly the pieces came together, and {A} finally saw the whole picture.",
    "{A} and {B} faced {C} together, and this time they did not back down.",
    "With one brave choice, {A} set everything right {IN}.",
    "The secret of {K} was finally out, and it set everyone free.",
    "{C} stepped aside, and for the first time the way ahead was clear.",
    "What had been broken began to heal, one small kindness at a time.",
    "{A} understood at last that the answer had been close the entire time.",
    "Together, they carried the truth about {K} back to everyone {IN}.",
};

static const char *const early[] = {
    "Every morning {A} sat by the window looking out {IN}, half hoping that today something would finally be different.",
    "{B} always told {A} not to think too much, yet {B} was usually the first to bring home a strange new rumour.",
    "A faint pattern carved into an old wall looked like a message left long ago, but nobody remembered what it meant.",
    "{A} remembered a story an old neighbour used to tell, and every time it reached {K}, the story simply stopped.",
    "{A} had grown up exploring every corner {IN}, and was certain that even the smallest change would be noticed before anyone else could see it.",
    "The stories about {K} had been passed down for generations, and every person who told them changed a small detail, so nobody was sure which version was true.",
    "The light {IN} fell softly across everything {A} knew, and for a moment the whole world seemed to hold its breath.",
    "{A} kept a small notebook full of questions, and the newest page was all about {K}.",
    "Nobody could say exactly when the rumours began, but by now every family {IN} had its own version of them.",
    "{B} laughed at the idea at first, then went quiet, the way people do when a joke comes a little too close to the truth.",
    "It was the kind of day that seems unimportant while it is happening and unforgettable once it is over.",
    "{A} had always believed that every place keeps a memory, and that {P} kept more memories than most.",
    "Somewhere in the distance a bell rang twice, and {A} looked up as if someone had called out a name.",
    "The old stories said that {K} only showed itself to people who were patient enough to wait for it.",
    "{A} wrote everything down.",
    "A cold wind blew {IN}.",
    "Nothing about that morning suggested that anything unusual was about to happen, and that was exactly what made it so easy to miss the first sign.",
};

static const char *const middle[] = {
    "{A} walked the same path three times, and each time something unfamiliar caught the eye, as if the path kept changing.",
    "As the wind grew stronger the lights {IN} went out one by one, until only the small lantern in {A}'s hand was left.",
    "When {A} finally found an old record about {K}, the last page had been torn out, and not by accident.",
    "The answer felt close, just a little further on, but that little distance seemed like the longest road in the world.",
    "For several nights {A} barely slept, laying every clue out on the table and searching for the thread that might tie them all together before it was too late.",
    "{B} gently suggested that it might be time to give up, but {A} knew that stopping now would mean wondering for the rest of their life what might have been.",
    "Every answer seemed to open two more questions, and {A} began to wonder whether the search had a bottom at all.",
    "{B} kept watch while {A} worked, both of them listening for footsteps that never quite arrived.",
    "The map they had trusted turned out to be wrong in one small but important place, and that changed everything.",
    "At night {A} lay awake, turning the same thought over and over, like a smooth stone in a pocket.",
    "Outside, the weather turned, and the sky {IN} grew heavy and grey, as if it knew more than it was willing to say.",
    "{C} watched from a distance, never saying a word, yet somehow always one step ahead of everyone else.",
    "Time was running short.",
    "Doubt crept in quietly, the way water finds its way through the smallest crack in an old wall.",
    "{A} realised that {K} was connected to something much older and much bigger than anyone had guessed.",
    "Nothing made sense yet.",
    "There were moments when {A} wanted nothing more than to forget the whole thing, to go back to the quiet days before any of this began, but every time the thought came it was gone again by morning.",
};

static const char *const late[] = {
    "That night {A} slept deeply for the first time in weeks, and dreamed that every path {IN} was glowing softly.",
    "{B} laughed and said the next adventure had better be an easier one, and {A} could not help laughing too.",
    "Not every mystery was solved, but {A} had learned how not to be afraid of the things nobody knows yet.",
    "{A} took one last look around {P}, then walked out toward a new day with a light and easy step.",
    "When it was all over, {A} went back to the very spot where the story had started and was surprised to find that it felt like a completely different place.",
    "People {IN} opened their windows again and greeted each other in the street, and laughter that had been missing for a long time slowly found its way back.",
    "The sun rose over {P} as if nothing had happened, and yet everything was different now.",
    "{B} put a hand on {A}'s shoulder, and neither of them needed to say anything at all.",
    "Years later, people {IN} would still argue about what really happened, but {A} never needed to argue.",
    "What remained was a quiet kind of happiness, the kind that does not need anyone else to notice it.",
    "{A} kept one small reminder of {K}, tucked safely away where nobody else would ever find it.",
    "The fear that had followed {A} for so long was gone, replaced by something warmer and much stronger.",
    "It was finally over.",
    "The wind {IN} seemed to hum a new song.",
    "Some endings feel like doors closing, but this one felt like a window opening onto a much wider world.",
    "{A} laughed for the first time in weeks.",
    "Looking back, {A} could hardly believe how much had changed, how many small choices had led to this place, and how every one of them, even the mistakes, had been worth making.",
};

static const char *const act_early[] = {
    "looks around with curious eyes", "walks slowly, holding a small lantern", "reads an old note",
    "kneels to study something on the ground", "writes in a small notebook", "stands still, listening",
};
static const char *const act_middle[] = {
    "runs through the wind", "searches with a lantern held high", "points at a strange mark",
    "holds a torn map", "hides behind a wall, watching", "stares in surprise at a discovery",
};
static const char *const act_late[] = {
    "smiles warmly", "looks toward the bright horizon", "holds a glowing keepsake",
    "walks home with light steps", "waves goodbye", "sits peacefully, at rest",
};

static const char *const titles[] = {
    "The Secret of {K}", "{A} and {K}", "The Legend of {K}", "What {A} Found",
    "Beyond {K}", "The Last Light of {K}", "A Promise to {K}", "The Night of {K}",
};

static const char *const loglines[] = {
    "When {A} stumbles onto {K}, a quiet life {IN} turns into a search for the truth.",
    "{A} must uncover the secret of {K} before it is lost forever.",
    "A story of courage and secrets {IN}, where {A} learns what {K} really means.",
    "{T}, and the one person brave enough to follow it to the end.",
    "{A} and {B} chase the mystery of {K}, and find far more than they expected.",
};

static const char *const names[] = {
    "Mina", "Leo", "Ada", "Theo", "Nora", "Sam", "Iris", "Owen", "Ruby", "Felix", "Clara", "Jonah",
};

const sc_story_bank sc_story_bank_en = {
    .beats = {SC_PHRASES(hook), SC_PHRASES(build), SC_PHRASES(twist), SC_PHRASES(payoff),
              SC_PHRASES(setup), SC_PHRASES(confront), SC_PHRASES(resolve)},
    .details = {SC_PHRASES(early), SC_PHRASES(middle), SC_PHRASES(late)},
    .actions = {SC_PHRASES(act_early), SC_PHRASES(act_middle), SC_PHRASES(act_late)},
    .titles = SC_PHRASES(titles),
    .loglines = SC_PHRASES(loglines),
    .names = SC_PHRASES(names),
    .roles = {"hero", "companion", "rival"},
    .fallback = {"the traveller", "an old friend", "a stranger"},
    .times = {[SC_TOD_DAWN] = "at dawn", [SC_TOD_DAY] = "in daylight", [SC_TOD_DUSK] = "at dusk",
              [SC_TOD_NIGHT] = "at night"},
    .weathers = {[SC_WX_CLEAR] = "under a clear sky", [SC_WX_CLOUDY] = "under a cloudy sky",
                 [SC_WX_RAIN] = "in the rain", [SC_WX_SNOW] = "in falling snow", [SC_WX_FOG] = "in thick fog"},
};
