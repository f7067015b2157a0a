/** Demo catalogues of the Hannover network: the city's 13 districts with their quarters (approximate centres). */
export const HANNOVER_DISTRICTS: { key: string; name: string; lat: number; lon: number; quarters: [string, string, number, number][] }[] = [
  { key: 'mitte', name: 'Mitte', lat: 52.3745, lon: 9.7386, quarters: [['mitte-mitte', 'Mitte', 52.3745, 9.7386], ['calenberger-neustadt', 'Calenberger Neustadt', 52.372, 9.727], ['oststadt', 'Oststadt', 52.381, 9.75], ['zoo', 'Zoo', 52.379, 9.772]] },
  { key: 'vahrenwald-list', name: 'Vahrenwald-List', lat: 52.394, lon: 9.749, quarters: [['vahrenwald', 'Vahrenwald', 52.397, 9.737], ['list', 'List', 52.394, 9.76]] },
  { key: 'bothfeld-vahrenheide', name: 'Bothfeld-Vahrenheide', lat: 52.413, lon: 9.78, quarters: [['bothfeld', 'Bothfeld', 52.41, 9.795], ['lahe', 'Lahe', 52.424, 9.81], ['isernhagen-sued', 'Isernhagen-Süd', 52.43, 9.79], ['sahlkamp', 'Sahlkamp', 52.418, 9.765], ['vahrenheide', 'Vahrenheide', 52.418, 9.748]] },
  { key: 'buchholz-kleefeld', name: 'Buchholz-Kleefeld', lat: 52.381, lon: 9.8, quarters: [['gross-buchholz', 'Groß-Buchholz', 52.392, 9.803], ['kleefeld', 'Kleefeld', 52.373, 9.793], ['heideviertel', 'Heideviertel', 52.369, 9.812]] },
  { key: 'misburg-anderten', name: 'Misburg-Anderten', lat: 52.387, lon: 9.86, quarters: [['misburg-nord', 'Misburg-Nord', 52.397, 9.855], ['misburg-sued', 'Misburg-Süd', 52.377, 9.857], ['anderten', 'Anderten', 52.365, 9.87]] },
  { key: 'kirchrode-bemerode-wuelferode', name: 'Kirchrode-Bemerode-Wülferode', lat: 52.342, lon: 9.825, quarters: [['kirchrode', 'Kirchrode', 52.357, 9.818], ['bemerode', 'Bemerode', 52.338, 9.832], ['wuelferode', 'Wülferode', 52.32, 9.86]] },
  { key: 'suedstadt-bult', name: 'Südstadt-Bult', lat: 52.36, lon: 9.755, quarters: [['suedstadt', 'Südstadt', 52.36, 9.75], ['bult', 'Bult', 52.366, 9.772]] },
  { key: 'doehren-wuelfel', name: 'Döhren-Wülfel', lat: 52.342, lon: 9.765, quarters: [['doehren', 'Döhren', 52.345, 9.77], ['seelhorst', 'Seelhorst', 52.342, 9.789], ['wuelfel', 'Wülfel', 52.333, 9.78], ['mittelfeld', 'Mittelfeld', 52.327, 9.795], ['waldhausen', 'Waldhausen', 52.35, 9.76], ['waldheim', 'Waldheim', 52.349, 9.778]] },
  { key: 'ricklingen', name: 'Ricklingen', lat: 52.345, lon: 9.72, quarters: [['ricklingen-ricklingen', 'Ricklingen', 52.348, 9.725], ['oberricklingen', 'Oberricklingen', 52.34, 9.712], ['muehlenberg', 'Mühlenberg', 52.333, 9.7], ['wettbergen', 'Wettbergen', 52.323, 9.688], ['bornum', 'Bornum', 52.356, 9.7]] },
  { key: 'linden-limmer', name: 'Linden-Limmer', lat: 52.37, lon: 9.71, quarters: [['linden-nord', 'Linden-Nord', 52.377, 9.713], ['linden-mitte', 'Linden-Mitte', 52.369, 9.717], ['linden-sued', 'Linden-Süd', 52.361, 9.721], ['limmer', 'Limmer', 52.38, 9.69]] },
  { key: 'ahlem-badenstedt-davenstedt', name: 'Ahlem-Badenstedt-Davenstedt', lat: 52.365, lon: 9.665, quarters: [['ahlem', 'Ahlem', 52.382, 9.664], ['badenstedt', 'Badenstedt', 52.363, 9.68], ['davenstedt', 'Davenstedt', 52.37, 9.655]] },
  { key: 'herrenhausen-stoecken', name: 'Herrenhausen-Stöcken', lat: 52.4, lon: 9.69, quarters: [['herrenhausen', 'Herrenhausen', 52.392, 9.7], ['burg', 'Burg', 52.398, 9.69], ['leinhausen', 'Leinhausen', 52.398, 9.675], ['ledeburg', 'Ledeburg', 52.41, 9.68], ['stoecken', 'Stöcken', 52.41, 9.665], ['marienwerder', 'Marienwerder', 52.42, 9.65], ['nordhafen', 'Nordhafen', 52.417, 9.697]] },
  { key: 'nord', name: 'Nord', lat: 52.395, lon: 9.72, quarters: [['nordstadt', 'Nordstadt', 52.386, 9.723], ['hainholz', 'Hainholz', 52.397, 9.722], ['vinnhorst', 'Vinnhorst', 52.422, 9.715], ['brink-hafen', 'Brink-Hafen', 52.41, 9.73]] },
];

/** Specialisations and topics carry English and Arabic names; districts keep their German proper names. */
export const HANNOVER_SPECIALIZATIONS = [
  { key: 'sportlotse', name: 'Sportlotse', names: { en: 'Sports guide', ar: 'مرشد الرياضة' } },
  { key: 'elternlotse', name: 'Elternlotse', names: { en: 'Parents’ guide', ar: 'مرشد أولياء الأمور' } },
  { key: 'hochschullotse', name: 'Hochschullotse', names: { en: 'University guide', ar: 'مرشد الجامعة' } },
  { key: 'ausbildungslotse', name: 'Ausbildungslotse', names: { en: 'Vocational training guide', ar: 'مرشد التدريب المهني' } },
  { key: 'toleranzlotse', name: 'Toleranzlotse', names: { en: 'Tolerance guide', ar: 'مرشد التسامح' } },
  { key: 'umweltlotse', name: 'Umweltlotse', names: { en: 'Environment guide', ar: 'مرشد البيئة' } },
];

export const HANNOVER_TOPICS = [
  { key: 'behoerden', name: 'Behörden und Ämter', names: { en: 'Authorities and public offices', ar: 'الدوائر والمكاتب الحكومية' } },
  { key: 'schule-eltern', name: 'Schule und Eltern', names: { en: 'School and parents', ar: 'المدرسة وأولياء الأمور' } },
  { key: 'gesundheit', name: 'Gesundheit', names: { en: 'Health', ar: 'الصحة' } },
  { key: 'wohnen', name: 'Wohnen', names: { en: 'Housing', ar: 'السكن' } },
  { key: 'arbeit-ausbildung', name: 'Arbeit und Ausbildung', names: { en: 'Work and vocational training', ar: 'العمل والتدريب المهني' } },
  { key: 'freizeit', name: 'Freizeit und Sport', names: { en: 'Leisure and sport', ar: 'أوقات الفراغ والرياضة' } },
  { key: 'buero-it', name: 'Büro- und IT-Hilfe (ohne persönlichen Kontakt)', names: { en: 'Office and IT help (no personal contact)', ar: 'مساعدة في المكتب والحاسوب (دون تواصل شخصي)' } },
  { key: 'rechtsberatung', name: 'Rechtsberatung', names: { en: 'Legal advice', ar: 'الاستشارة القانونية' } },
  { key: 'therapie', name: 'Therapie und Traumabegleitung', names: { en: 'Therapy and trauma support', ar: 'العلاج النفسي ودعم المصابين بالصدمات' } },
];

type Level = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native';

/** A realistic pool: names, languages, districts and skills as the seeds describe them. */
export const HANNOVER_VOLUNTEERS: {
  firstName: string;
  lastName: string;
  birthYear: number;
  gender: 'female' | 'male' | 'diverse';
  languages: [string, Level][];
  origins?: string[];
  home: string;
  districts: string[];
  specializations: string[];
  topics: string[];
  limits: string[];
  slots: [number, string, string][];
  status: 'interested' | 'onboarding' | 'in_training' | 'active' | 'paused' | 'left';
  basicOn?: string;
  trade?: string;
  position?: string;
  police?: string;
  supervision?: string;
}[] = [
  { firstName: 'Amira', lastName: 'Haddad', birthYear: 1988, gender: 'female', languages: [['ar', 'native'], ['de', 'C1'], ['en', 'B1']], origins: ['SY'], home: 'linden-nord', districts: ['linden-limmer', 'mitte'], specializations: ['elternlotse'], topics: ['behoerden', 'schule-eltern'], limits: ['rechtsberatung', 'therapie'], slots: [[2, '14:00', '18:00'], [4, '09:00', '12:00']], status: 'active', basicOn: '2025-06-30', police: '2024-01-15', supervision: '2026-10-01' },
  { firstName: 'Jonas', lastName: 'Becker', birthYear: 1975, gender: 'male', languages: [['de', 'native'], ['en', 'C1']], home: 'list', districts: ['vahrenwald-list', 'bothfeld-vahrenheide'], specializations: ['ausbildungslotse'], topics: ['arbeit-ausbildung', 'behoerden'], limits: ['rechtsberatung'], slots: [[1, '17:00', '20:00'], [3, '17:00', '20:00']], status: 'active', basicOn: '2023-11-20', police: '2022-05-02', supervision: '2026-03-12' },
  { firstName: 'Olena', lastName: 'Kovalenko', birthYear: 1991, gender: 'female', languages: [['uk', 'native'], ['ru', 'C2'], ['de', 'B1']], origins: ['UA'], home: 'misburg-nord', districts: ['misburg-anderten'], specializations: [], topics: ['gesundheit', 'wohnen'], limits: ['therapie'], slots: [[5, '09:00', '13:00']], status: 'in_training' },
  { firstName: 'Karim', lastName: 'Nasser', birthYear: 1969, gender: 'male', languages: [['ar', 'native'], ['fr', 'B2'], ['de', 'B2']], home: 'nordstadt', districts: ['nord', 'herrenhausen-stoecken'], specializations: ['sportlotse'], topics: ['freizeit', 'schule-eltern'], limits: [], slots: [[6, '10:00', '16:00']], status: 'active', basicOn: '2022-04-08', police: '2019-03-01', supervision: '2025-12-01' },
  { firstName: 'Fatemeh', lastName: 'Rahimi', birthYear: 1996, gender: 'female', languages: [['fa', 'native'], ['prs', 'native'], ['de', 'B2'], ['en', 'B2']], origins: ['AF'], home: 'sahlkamp', districts: ['bothfeld-vahrenheide'], specializations: ['hochschullotse'], topics: ['arbeit-ausbildung'], limits: ['rechtsberatung'], slots: [[2, '09:00', '12:00'], [4, '14:00', '17:00']], status: 'active', basicOn: '2025-11-28', police: '2025-10-10', supervision: '2026-09-15' },
  { firstName: 'Mehmet', lastName: 'Yılmaz', birthYear: 1964, gender: 'male', languages: [['tr', 'native'], ['de', 'C2']], home: 'linden-sued', districts: ['linden-limmer', 'ricklingen'], specializations: ['ausbildungslotse'], topics: ['arbeit-ausbildung', 'behoerden'], limits: [], slots: [[1, '09:00', '12:00'], [3, '09:00', '12:00']], status: 'active', basicOn: '2021-09-30', trade: 'plumber', position: 'master', police: '2023-06-01', supervision: '2026-06-20' },
  { firstName: 'Tigist', lastName: 'Bekele', birthYear: 1993, gender: 'female', languages: [['am', 'native'], ['ti', 'C1'], ['en', 'C1'], ['de', 'B1']], home: 'mittelfeld', districts: ['doehren-wuelfel', 'suedstadt-bult'], specializations: ['elternlotse'], topics: ['schule-eltern', 'gesundheit'], limits: ['therapie'], slots: [[3, '15:00', '18:00']], status: 'onboarding' },
  { firstName: 'Sabine', lastName: 'Hoffmann', birthYear: 1958, gender: 'female', languages: [['de', 'native'], ['en', 'B2'], ['es', 'B1']], home: 'kirchrode', districts: ['kirchrode-bemerode-wuelferode', 'buchholz-kleefeld'], specializations: ['toleranzlotse'], topics: ['buero-it', 'wohnen'], limits: ['rechtsberatung', 'therapie'], slots: [[1, '09:00', '13:00'], [2, '09:00', '13:00'], [5, '09:00', '13:00']], status: 'active', basicOn: '2019-05-17', police: '2024-11-11', supervision: '2026-11-02' },
  { firstName: 'Ahmad', lastName: 'Sultani', birthYear: 2001, gender: 'male', languages: [['prs', 'native'], ['fa', 'native'], ['de', 'B2']], origins: ['AF'], home: 'vahrenheide', districts: ['bothfeld-vahrenheide', 'nord'], specializations: ['sportlotse'], topics: ['freizeit'], limits: [], slots: [[6, '12:00', '18:00'], [7, '12:00', '18:00']], status: 'active', basicOn: '2026-02-27', police: '2026-01-20' },
  { firstName: 'Ilona', lastName: 'Wiśniewska', birthYear: 1982, gender: 'female', languages: [['pl', 'native'], ['de', 'C1'], ['ru', 'B1']], home: 'badenstedt', districts: ['ahlem-badenstedt-davenstedt'], specializations: ['umweltlotse'], topics: ['wohnen', 'freizeit'], limits: [], slots: [[4, '16:00', '19:00']], status: 'paused', basicOn: '2020-10-02' },
  { firstName: 'Daniel', lastName: 'Okafor', birthYear: 1986, gender: 'male', languages: [['en', 'native'], ['ig', 'native'], ['de', 'B1']], home: 'oststadt', districts: ['mitte'], specializations: [], topics: ['buero-it'], limits: ['rechtsberatung'], slots: [[2, '18:00', '21:00']], status: 'interested' },
  { firstName: 'Leyla', lastName: 'Aydın', birthYear: 1990, gender: 'female', languages: [['ku', 'native'], ['tr', 'C1'], ['de', 'C1']], home: 'stoecken', districts: ['herrenhausen-stoecken'], specializations: ['elternlotse'], topics: ['schule-eltern', 'behoerden'], limits: ['therapie'], slots: [[1, '14:00', '17:00'], [4, '14:00', '17:00']], status: 'active', basicOn: '2024-06-14', trade: 'hairdresser', position: 'master', police: '2024-05-01', supervision: '2026-04-30' },
];

/** Weekday (1 = Monday … 7 = Sunday), start and end (Berlin wall clock), teaching hours of 45 minutes. */
type SessionSlot = [number, string, string, number];

/**
 * Hannover's course catalogue (seed 001): the 48-hour basic course, specialisation modules,
 * a course on the limits of volunteering, and the sustainability module.
 */
export const HANNOVER_COURSES: {
  key: string;
  kind: 'basic' | 'specialization' | 'advanced' | 'sustainability';
  /** German, with English and Arabic titles beside it. */
  title: string;
  titles: { en: string; ar: string };
  description: string;
  teachingHours?: number;
  specializationKey?: string;
}[] = [
  {
    key: 'basic',
    kind: 'basic',
    title: 'Basisqualifizierung Integrationslots*innen',
    titles: { en: 'Basic training for integration guides', ar: 'التأهيل الأساسي لمرشدي الاندماج' },
    description:
      'Rolle und Aufgaben der Integrationslots*innen, Migration und Aufenthaltsrecht im Überblick, interkulturelle Kommunikation, Behörden und Hilfesystem in Hannover, Nähe und Distanz, Grenzen des Ehrenamts, Datenschutz und Schweigepflicht, Aufwandsentschädigung und Versicherung.',
  },
  {
    key: 'elternlotse',
    kind: 'specialization',
    title: 'Spezialisierungsmodul Elternlotse',
    titles: { en: 'Specialisation module: parents\' guide', ar: 'وحدة التخصص: مرشد أولياء الأمور' },
    description: 'Schulsystem in Niedersachsen, Kita und Hort, Elterngespräche begleiten, Zeugnisse und Übergänge, Zusammenarbeit mit Schulsozialarbeit.',
    teachingHours: 30,
    specializationKey: 'elternlotse',
  },
  {
    key: 'ausbildungslotse',
    kind: 'specialization',
    title: 'Spezialisierungsmodul Ausbildungslotse',
    titles: { en: 'Specialisation module: vocational training guide', ar: 'وحدة التخصص: مرشد التدريب المهني' },
    description: 'Duale Ausbildung, Berufsorientierung, Anerkennung ausländischer Abschlüsse, Bewerbung und Praktikum, Angebote der Handwerkskammer und der Arbeitsagentur.',
    teachingHours: 24,
    specializationKey: 'ausbildungslotse',
  },
  {
    key: 'sportlotse',
    kind: 'specialization',
    title: 'Spezialisierungsmodul Sportlotse',
    titles: { en: 'Specialisation module: sports guide', ar: 'وحدة التخصص: مرشد الرياضة' },
    description: 'Vereinslandschaft in Hannover, Mitgliedschaft und Förderung, Sport als Zugang zur Nachbarschaft, Begleitung zu Training und Wettkampf.',
    teachingHours: 16,
    specializationKey: 'sportlotse',
  },
  {
    key: 'advanced',
    kind: 'advanced',
    title: 'Aufbaukurs Selbstfürsorge und Grenzen des Ehrenamts',
    titles: { en: 'Advanced course: self-care and the limits of volunteering', ar: 'دورة متقدمة: العناية بالنفس وحدود العمل التطوعي' },
    description: 'Belastende Begleitungen erkennen, sekundäre Traumatisierung vorbeugen, wann Fachleute übernehmen müssen, kollegiale Beratung und Supervision.',
    teachingHours: 8,
  },
  {
    key: 'sustainability',
    kind: 'sustainability',
    title: 'Nachhaltigkeitsmodul: Klima, Energie und Alltag',
    titles: { en: 'Sustainability module: climate, energy and everyday life', ar: 'وحدة الاستدامة: المناخ والطاقة والحياة اليومية' },
    description: 'Energie sparen im Haushalt, Mülltrennung in Hannover, Mobilität mit Bus, Bahn und Rad, Reparieren statt wegwerfen – verständlich erklärt für Familien, die neu in der Stadt sind.',
    teachingHours: 20,
  },
];

/**
 * Demo runs, dated relative to the day the demo is seeded: one completed (with attendance, so
 * certificates exist), one upcoming and full with a waiting list, one open for enrolment.
 * Volunteers are named by "First Last" from HANNOVER_VOLUNTEERS; enrolment order is the list order.
 */
export const HANNOVER_COURSE_RUNS: {
  course: string;
  title: string;
  capacity: number;
  status: 'planned' | 'open' | 'running';
  /** Days from the seeding day to the week of the first session (negative: in the past). */
  startsInDays: number;
  /** One entry per week: the sessions of that week. */
  weeks: number;
  slots: SessionSlot[];
  topics: string[];
  room: string;
  instructors: [string, string];
  participants: string[];
  /** Sessions (0-based) each participant missed; everyone else attended all of them. */
  absences?: Record<string, number[]>;
  complete?: boolean;
}[] = [
  {
    course: 'sustainability',
    title: 'Nachhaltigkeitsmodul (Samstagskurs)',
    capacity: 12,
    status: 'running',
    startsInDays: -98,
    weeks: 5,
    slots: [[6, '10:00', '13:00', 4]],
    topics: ['Energie sparen im Haushalt', 'Mülltrennung und Abfallberatung', 'Mobilität: Bus, Bahn und Rad', 'Reparieren statt wegwerfen', 'Praxis: eine Familie beraten'],
    room: 'vhs Hannover, Burgstraße 14, Raum 2.11',
    instructors: ['Dr. Ute Brandes', 'Tarek Mansour'],
    participants: ['Amira Haddad', 'Karim Nasser', 'Sabine Hoffmann', 'Fatemeh Rahimi', 'Leyla Aydın', 'Mehmet Yılmaz', 'Ahmad Sultani'],
    // Leyla Aydın misses one of five sessions (exactly 80 %: completes); Ahmad Sultani two (60 %: does not).
    absences: { 'Leyla Aydın': [2], 'Ahmad Sultani': [1, 3] },
    complete: true,
  },
  {
    course: 'elternlotse',
    title: 'Spezialisierungsmodul Elternlotse (Samstagskurs)',
    capacity: 6,
    status: 'open',
    startsInDays: 21,
    weeks: 5,
    slots: [[6, '09:30', '14:00', 6]],
    topics: ['Das Schulsystem in Niedersachsen', 'Kita, Hort und Ganztag', 'Elterngespräche begleiten', 'Zeugnisse, Übergänge und Förderung', 'Zusammenarbeit mit der Schulsozialarbeit'],
    room: 'Neues Rathaus, Trammplatz 2, Raum 115',
    instructors: ['Claudia Meyer-Ahrens', 'Hüseyin Kaya'],
    // Six places, eight people: the last two wait.
    participants: ['Karim Nasser', 'Fatemeh Rahimi', 'Sabine Hoffmann', 'Mehmet Yılmaz', 'Jonas Becker', 'Ahmad Sultani', 'Ilona Wiśniewska', 'Olena Kovalenko'],
  },
  {
    course: 'basic',
    title: 'Basisqualifizierung (Abendkurs)',
    capacity: 16,
    status: 'open',
    startsInDays: 56,
    weeks: 6,
    slots: [
      [2, '17:30', '20:30', 4],
      [4, '17:30', '20:30', 4],
    ],
    topics: [
      'Rolle und Aufgaben der Lots*innen',
      'Migration und Aufenthaltsrecht im Überblick',
      'Interkulturelle Kommunikation',
      'Behörden und Hilfesystem in Hannover',
      'Nähe und Distanz',
      'Grenzen des Ehrenamts: wann Fachleute übernehmen',
      'Gesundheitssystem und Dolmetschen',
      'Wohnen und Nachbarschaft',
      'Schule, Ausbildung und Arbeit',
      'Datenschutz und Schweigepflicht',
      'Aufwandsentschädigung, Fahrtkosten, Versicherung',
      'Abschluss und Vorstellung der Einsatzfelder',
    ],
    room: 'vhs Hannover, Burgstraße 14, Raum 1.05',
    instructors: ['Katrin Vogel', 'Samir El-Khoury'],
    participants: ['Olena Kovalenko', 'Tigist Bekele', 'Daniel Okafor'],
  },
];
