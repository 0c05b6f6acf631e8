/**
 * The word lists `findNames` uses on top of compromise's tags: acronyms of common things, function
 * words of other languages, particles inside names, the head words that give a name its kind, and the
 * context words for names compromise cannot type.
 */

/** Acronyms of common things, not names. */
export const COMMON_ACRONYMS = new Set(
  (
    'API APIs HTTP HTTPS URL URLs JSON XML HTML CSS SQL CPU GPU RAM ROM AI ML LLM PDF USB DNA RNA IPO CEO CFO ' +
    'CTO GDP UTC GMT FAQ OK TV ID IP OS UI UX SDK CLI IDE PhD BMI ICU MRI HIV ATM PIN SMS GPS VPN DIY ETA ' +
    'FYI ASAP AM PM TL DR NB PS I GB MB KB TB GHz MHz'
  ).split(' '),
);
/** Articles and other function words of French, Spanish, Italian and German that start sentences. */
export const FOREIGN_FUNCTION_WORDS = new Set(
  "La Le Les L' El Los Las Il Lo Gli Un Une Una Ein Eine Der Die Das Dem Den Des Im Am Vom Zum Zur".split(
    ' ',
  ),
);
/** Sun, Moon and planets: places in the gold standard's sense, unknown to compromise as such. */
export const CELESTIAL = new Set(
  'Sun Moon Earth Mercury Venus Mars Jupiter Saturn Uranus Neptune Pluto'.split(' '),
);
/** Lower-case words that join two name words ("Bank of America", "Rio de Janeiro"). */
export const PARTICLES = new Set(
  'of of-the for de des du da di del della dei van von der den la le y do dos das al el'.split(' '),
);
export const EVENT_LAST = new Set(
  (
    'Fair War Wars Olympics Games Cup Championship Championships Revolution Exposition Exhibition Expo ' +
    'Festival Summit Conference Congress Crisis Marathon Prix Bowl Series Olympiad Tournament Rebellion ' +
    'Uprising Massacre Pandemic Expedition March Slam Open Prize Award Awards Forum Fire League Tour Medal'
  ).split(' '),
);
export const EVENT_FIRST = new Set('Battle Siege Tour Nobel Academy Coupe Exposition Expo'.split(' '));
/** Heads of names of things: instruments, vehicles, programs. */
export const THING_LAST = new Set('Telescope Collider Rover Probe Satellite Web'.split(' '));
export const TITLE_LAST = new Set(
  'Address Carta Symphony Manifesto Accords Accord Concerto Sonata Requiem'.split(' '),
);
export const TITLE_FIRST = new Set('Treaty Declaration Charter Constitution'.split(' '));
export const ORG_LAST = new Set(
  (
    'Inc Inc. Corp Corp. Ltd Ltd. LLC PLC GmbH AG SA Co. Company University Institute Foundation Bank ' +
    'Association Agency Press Reserve Fund Clinic Hospital Museum Council Committee Party Group Capital ' +
    'Brothers Nations Organization Organisation Union College School Society Academy Ministry Department ' +
    'Commission Court Prevention Airlines Motors Records Studios Network Times Post Journal FC Club Federation'
  ).split(' '),
);
export const ORG_FIRST = new Set(
  'University Universidad Université Universität Bank Banco Banque Compagnie Société Centers Ministry FC'.split(
    ' ',
  ),
);
export const PLACE_LAST = new Set(
  (
    'River Lake Ocean Sea Desert Island Islands Bridge Tower Canyon Crater Ridge Strait Wall Street Lane ' +
    'Avenue Road City Empire Kingdom Republic Reef Valley Bay Park Square Palace Cathedral House Mountains ' +
    'Mountain Peninsula Coast Gulf Channel Falls Airport Station Riviera Coast Basin Glacier Range Africa ' +
    'America Asia Europe Garden Gardens Castle Temple Abbey Statue Monument Square'
  ).split(' '),
);
export const PLACE_FIRST = new Set(
  'Mount Mt. Lake Strait Gulf Cape Isle Río Rio Mont Lago Monte Saint St.'.split(' '),
);

export const LOCATIVE = new Set('in at near from into across through towards toward'.split(' '));
/** Verbs whose subject is usually a company ("Apple reported", "Pfizer announced"). */
export const COMPANY_VERBS = new Set(
  'reported announced acquired raised employs employed delivered released launched filed sued hired said reports announces acquires'.split(
    ' ',
  ),
);
