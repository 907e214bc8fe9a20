// survey-core's own strings ("Next", "Response required.") in the languages Quorum speaks: loaded
// once, on the server (its verdicts) and in the respondent's browser (the page).
import "survey-core/i18n/spanish";
import "survey-core/i18n/french";
import "survey-core/i18n/portuguese";
import "survey-core/i18n/arabic";
