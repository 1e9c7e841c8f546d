/* English phrase bank for the built-in writer (see story_bank.h for placeholders): the
 * sentences that fill a scene after its opening, short and long so the writer can fit
 * any duration, narrated or (said) in the first person of whoever speaks. The story
 * shapes' own sentences are in story_shapes_en.c. */
#include "providers/story/story_bank.h"

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

static const char *const said_early[] = {
    "I had a feeling today would be different.",
    "I kept thinking about {K}, all morning long.",
    "Nobody else seemed to notice, but I did.",
    "I have lived {IN} all my life, and I thought I knew every corner of it.",
    "When I close my eyes I can still see {P} the way it looked that morning, quiet and waiting.",
    "I wrote it all down, so I would not forget a single thing.",
    "I was a little scared, and a lot more curious.",
    "Everyone told me to stay home, but I had made up my mind before they finished talking.",
    "I remember every little thing about that morning: the light on the floor, the smell of the air, the sound of someone far away calling a name that was not mine.",
    "People always said I asked too many questions, and maybe they were right, but I have never been able to leave a question alone once it has found me.",
    "I had a small notebook in my pocket, and by the end of that first day almost every page was full of things I wanted to remember and things I did not understand yet.",
    "If anyone had told me then how far this would take me, I would have laughed, packed a bigger bag, and gone anyway.",
};

static const char *const said_middle[] = {
    "I almost turned back.",
    "My heart was pounding, but I kept going.",
    "I did not know what would happen next, and that was the scary part.",
    "I told myself one more step, and then one more, and then one more again.",
    "Some nights I lay awake, going over every little thing that had happened, wondering what I had missed.",
    "I had never felt so far from home.",
    "It was harder than I had imagined, much harder, but I was not ready to give up.",
    "I kept remembering {P}, and that kept me going.",
    "There was a moment when I sat down on the ground and thought about going home, and the only thing that kept me there was the thought of how much I would wonder afterwards.",
    "I kept telling myself that the hardest part was behind me, and every time I said it the road found a new way to prove me wrong, so in the end I just stopped saying it.",
    "I was tired and cold and a little bit lost, but when I looked back at how far I had come, I knew I could manage a little further.",
    "Nobody tells you how quiet it gets when you are trying something hard, so quiet that you can hear your own heart deciding whether to go on.",
};

static const char *const said_late[] = {
    "I will never forget it.",
    "I smiled all the way home.",
    "I am not the same as I was at the start, and I am glad.",
    "Looking back, every hard step was worth it, even the ones I wanted to skip.",
    "If you ever go {IN}, look closely, and you will see what I mean.",
    "I still think about {K}, but now it makes me smile.",
    "I learned that some of the best things take a long time, and a little courage.",
    "That night I slept better than I had in a long time.",
    "When I think about it now, I do not remember the tired feet or the cold nights as much as I remember the faces of everyone who helped me along the way.",
    "I went back to the very spot where it all started, and it looked the same as ever, but I was not the same, and that made the whole place feel new.",
    "If I could tell my younger self one thing, it would be that being afraid and being brave can happen at exactly the same time, and usually do.",
    "Some evenings I still sit by the window and go over it all again, slowly, the way you turn the pages of a book you love.",
};

static const char *const names[] = {
    "Mina", "Leo", "Ada", "Theo", "Nora", "Sam", "Iris", "Owen", "Ruby", "Felix", "Clara", "Jonah",
};

const sc_story_bank sc_story_bank_en = {
    .details = {SC_PHRASES(early), SC_PHRASES(middle), SC_PHRASES(late)},
    .said = {SC_PHRASES(said_early), SC_PHRASES(said_middle), SC_PHRASES(said_late)},
    .names = SC_PHRASES(names),
    .roles = {"hero", "companion", "rival"},
    .fallback = {"the traveller", "an old friend", "a stranger"},
    .times = {[SC_TOD_DAWN] = "at dawn", [SC_TOD_DAY] = "in daylight", [SC_TOD_DUSK] = "at dusk",
              [SC_TOD_NIGHT] = "at night"},
    .weathers = {[SC_WX_CLEAR] = "under a clear sky", [SC_WX_CLOUDY] = "under a cloudy sky",
                 [SC_WX_RAIN] = "in the rain", [SC_WX_SNOW] = "in falling snow", [SC_WX_FOG] = "in thick fog"},
};
