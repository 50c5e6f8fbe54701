// Words for the stress test's random prompts: common English adjectives and concrete nouns, written
// for this project (the reference tags NLTK's `words` corpus at start-up, which needs a download).
// Order does not matter; duplicates are removed where the lists are read.

export const ADJECTIVES: readonly string[] = `
ancient angry arctic autumn bare bright brilliant broad broken bronze busy calm candid careful
cheerful chilly clean clear clever cloudy cold colorful cosy crisp crowded curious curved damp dark
dazzling deep delicate dense distant dizzy dramatic dreamy dry dusty eager early elegant empty
enormous faded faint famous fancy fast fierce flat floating fluffy foggy fragile frozen fresh
friendly frosty gentle giant gilded glassy gleaming glossy golden graceful grand green grey gritty
hairy happy hazy heavy hidden hollow huge humble icy idle immense ivory jagged jolly joyful juicy
keen large lazy leafy little lively lonely long loud lucky lush majestic marble massive mellow
metallic misty modern molten mossy muddy mysterious narrow neat neon noble noisy odd old orange
ornate pale peaceful pink plain playful plump polished proud purple quaint quick quiet radiant
ragged rainy rapid rare raw red remote rich rocky rosy rough round royal rustic rusty sandy scarlet
serene shabby shady shallow sharp shiny short silent silky silver simple sleek sleepy slender slow
small smoky smooth snowy soft solemn sparkling spicy splendid spotted stark steady steep sticky
still stony stormy strange striped strong sturdy sunny sweet swift tall tame tender thick thin
tidy tiny towering tranquil tropical twisted velvet vibrant vintage violet vivid warm wavy wet
white wild windy wintry wise wooden woolly worn yellow young zealous
`
  .split(/\s+/)
  .filter(Boolean);

export const NOUNS: readonly string[] = `
acorn airship alley anchor apple arch armchair avalanche badger balloon bamboo bank barn basket
beach beacon bear beetle bell bench bicycle bird blanket boat bonfire book bottle boulder bridge
brook bucket building bus butterfly cabin cactus cake camel candle canyon car carousel castle cat
cathedral cave cedar chair chapel cherry chimney city cliff clock cloud coast comet cottage cow
crane crater crown crystal cup dancer deer desert diamond dolphin door dragon drum duck eagle
engine falcon farm feather fence ferry field fire fish flag flower forest fortress fountain fox
frog garden gate giraffe glacier globe goat harbor harp hat hawk hedge helmet hill horse hut
island ivy jungle kettle key kite kitten ladder lagoon lake lamp lantern leaf library lighthouse
lily lion lizard lobster lotus market meadow mirror monastery monkey moon moth mountain mushroom
oak ocean orchard otter owl palace palm panda parrot path peacock pebble pelican piano pier pine
planet pond pony poppy puddle pumpkin rabbit raft railway rainbow raven reef river road robot
rock rocket rooftop rose ruin sailboat sandcastle scarecrow seagull shell ship shore skyline
snail snowman sparrow spire square squirrel stable staircase star statue stone street submarine
sunflower swan tavern teapot temple tent tiger tower tractor train tree tulip tunnel turtle
umbrella valley vase village vineyard violin volcano wagon waterfall wave whale wheel willow
windmill window wolf workshop yacht zebra
`
  .split(/\s+/)
  .filter(Boolean);
