import type { Catalogue } from "./en";

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? Partial2<T[K]> : T[K] };

// Arabic: the respondent page's own sentences (right to left); English for the rest until translated.
export const ar: Partial2<Catalogue> = {
  language: { label: "اللغة", isIn: "هذا الاستبيان باللغة {{language}}.", alsoIn: "متوفر أيضًا بـ" },
  page: {
    welcome: "أهلًا {{name}}.",
    welcomeBack: "أهلًا بعودتك: إجاباتك محفوظة، وتتابع من حيث توقفت.",
    welcomeBackNamed: "أهلًا بعودتك {{name}}: إجاباتك محفوظة، وتتابع من حيث توقفت.",
    identified: "هذا الاستبيان ليس مجهول الهوية: يستطيع القائمون على هذا الاستبيان أن يروا أيّ الإجابات هي إجاباتك.",
    identifiedEmail:
      "هذا الاستبيان ليس مجهول الهوية: يرى القائمون على هذا الاستبيان إجاباتك مع عنوان البريد الإلكتروني الذي تقدّمه.",
    prefilled: "بعض الإجابات مملوءة مسبقًا بما يعرفه الفريق عنك: يُرجى مراجعتها وتعديل ما لم يعد صحيحًا.",
    loading: "جارٍ تحميل الاستبيان…",
    loadingRest: "يمكنك الإجابة عن هذه الأسئلة الآن؛ بقية الاستبيان في الطريق.",
    otherDescribe: "بكلماتك الخاصة",
    thanks: "شكرًا",
    thanksNamed: "شكرًا {{name}}",
    saved: "تم حفظ إجاباتك.",
    savedTo: "تم حفظ إجاباتك على {{title}}.",
    closePage: "يمكنك إغلاق هذه الصفحة.",
  },
  runner: { saving: "جارٍ الحفظ…", saved: "تم الحفظ" },
};
