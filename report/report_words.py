"""Every sentence of the council report (make_report.py), in Dutch (default) and English.

The main pages speak to a council member: no "seed", "replicaties", "P10-P90" or standard
deviations there; those figures go to the appendix for analysts. A list of str is a sentence with
numbers in between (see make_report._interleave); {name} fields are filled in with str.format.
"""

WORDS = {
    "nl": {
        "title": "Jeugdhulp anders organiseren: wat betekent het voor gezinnen?",
        "title_run": "Jeugdhulp in het scenario ‘{name}’",
        "byline": "Berekend op {date} met het simulatiemodel jeugdsim. De rekendetails staan in de bijlage voor analisten.",
        "summary": "Samenvatting",
        "intro_compare": ("Dit rapport vergelijkt {n} manieren om de jeugdhulp te organiseren. Het model rekent "
                          "elk scenario {reps} keer door, steeds met een andere groep gezinnen: dat zijn de "
                          "{reps} herhalingen. Binnen één herhaling krijgen alle scenario’s dezelfde gezinnen, die op "
                          "hetzelfde moment met dezelfde vragen binnenkomen. Verschillen tussen de scenario’s komen "
                          "dus door de organisatie en niet door toeval. Elk getal is een gemiddelde over de "
                          "herhalingen. Het 95%-betrouwbaarheidsinterval (95%-BI) erachter laat zien hoe zeker dat "
                          "gemiddelde is. Elk scenario wordt vergeleken met ‘{ref}’."),
        "intro_run": ("Dit rapport beschrijft één scenario. Het model rekent het {reps} keer door, steeds met een "
                      "andere groep gezinnen: dat zijn de {reps} herhalingen. Elk getal is een gemiddelde over de "
                      "herhalingen. Het 95%-betrouwbaarheidsinterval (95%-BI) erachter laat zien hoe zeker dat "
                      "gemiddelde is."),
        "vs": "‘{name}’ vergeleken met ‘{ref}’",
        "wait": ["In het scenario ‘{name}’ wachten gezinnen gemiddeld ", " dagen {dir} op een intake dan in "
                 "‘{ref}’ (95%-BI ", " tot ", ")."],
        "wait_dir": ("langer", "korter"),
        "wait_equal": "In het scenario ‘{name}’ wachten gezinnen gemiddeld even lang op een intake als in ‘{ref}’.",
        "norm": ["Van de intakes valt ", "% binnen de norm van {norm:g} dagen, tegenover ", "% in ‘{ref}’."],
        "prof": ["Per gezin zijn gemiddeld ", " professionals {dir} betrokken (95%-BI ", " tot ",
                 ") en zijn er ", " intakes {dir2} (95%-BI ", " tot ", ")."],
        "more_less": ("meer", "minder"),
        "pp_dir": ("meer", "minder"),
        "regie": ["Van de gezinnen met een regisseur houdt ", "% dezelfde regisseur van begin tot eind, tegenover ",
                  "% in ‘{ref}’: ", " procentpunt {dir} (95%-BI ", " tot ", ")."],
        "safety": ["Bij ", "% van de gezinnen met een veiligheidsrisico wordt de veiligheid nooit beoordeeld, "
                   "tegenover ", "% in ‘{ref}’ (", " procentpunt {dir}, 95%-BI ", " tot ", ")."],
        "regie_equal": ["Van de gezinnen met een regisseur houdt ", "% dezelfde regisseur van begin tot eind, "
                        "tegenover ", "% in ‘{ref}’: even vaak."],
        "safety_equal": ["Bij ", "% van de gezinnen met een veiligheidsrisico wordt de veiligheid nooit beoordeeld, "
                         "tegenover ", "% in ‘{ref}’: even vaak."],
        "cost": ["De kosten zijn gemiddeld ", " miljoen euro per jaar {dir} (95%-BI ", " tot ", "): ",
                 " miljoen euro tegenover ", " miljoen euro."],
        "cost_dir": ("hoger", "lager"),
        "not_sig": " Dit verschil is zo klein dat het ook nul kan zijn.",
        "run_wait": ["Gezinnen wachten gemiddeld ", " dagen op een intake (95%-BI ", " tot ", "). Van de intakes valt ",
                     "% binnen de norm van {norm:g} dagen."],
        "run_prof": ["Per gezin zijn gemiddeld ", " professionals betrokken en zijn er ", " intakes."],
        "run_regie": ["Van de gezinnen met een regisseur houdt ", "% dezelfde regisseur van begin tot eind."],
        "run_safety": ["Bij ", "% van de gezinnen met een veiligheidsrisico wordt de veiligheid nooit beoordeeld."],
        "run_cost": ["De kosten zijn gemiddeld ", " miljoen euro per jaar (95%-BI ", " tot ", ")."],
        "no_summary": "De resultaten bevatten geen kerncijfers om samen te vatten.",
        # Equal service (equal-service.csv of `compare --equal-service`)
        "es_lead": ["Om de norm te halen heeft ‘{name}’ ", " fte {dir} nodig dan ‘{ref}’ (", " tegen ",
                    " fte) en kost het € ", " miljoen per jaar {cdir} (95%-BI ", " tot ", ")"],
        "es_lead_same": ["Om de norm te halen heeft ‘{name}’ evenveel fte nodig als ‘{ref}’ (", " fte) en kost het € ",
                         " miljoen per jaar {cdir} (95%-BI ", " tot ", ")"],
        "es_dir": ("meer", "minder"),
        "es_cost_dir": ("meer", "minder"),
        "es_cost_nil": ", een verschil dat ook nul kan zijn",
        "es_then": ["; bij die bezetting krijgt in ‘{name}’ ", "% van de gezinnen binnen {norm} dagen een intake, in "
                    "‘{ref}’ ", "%."],
        "es_then_plain": "; bij die bezetting gelden de cijfers hieronder.",
        "es_goal": "De norm: {goal}. Alle cijfers in dit rapport gelden bij de bezetting waarmee elk ontwerp die haalt.",
        "es_and": " en ",
        "es_table_caption": "Bezetting per ontwerp om de norm te halen (equal-service.csv)",
        "es_team": "Team",
        "es_total": "Totaal",
        "es_cost": "Kosten per jaar (miljoen euro)",
        "es_cell": "{fte} fte, {workers} medewerkers",
        "es_file": "in het scenario {fte} fte",
        "es_not_sized": "niet bijgesteld",
        "es_note": ("De teams van elk ontwerp zijn met de capaciteitsplanner in hele formatieplaatsen bijgesteld tot de "
                    "norm gehaald wordt, met dezelfde toevalsgetallen voor elk ontwerp. Tussen haakjes: het 95%-BI."),
        # Waiting lists (queue-trends.csv)
        "caution_title": "Let op: niet elke wachtlijst komt tot rust",
        "caution_title_calm": "Wachtlijsten",
        "queue_stable": "De wachtlijst blijft ongeveer gelijk op zo’n {n} {families}.",
        "queue_stable_empty": "De wachtlijst blijft ongeveer gelijk en vrijwel leeg.",
        "queue_grows": ("De wachtlijst bij {team} groeit met ongeveer {n} {families} per jaar; de wachttijd hangt dan "
                        "af van hoe lang er gemeten wordt."),
        "queues_grow": "De wachtlijsten groeien: {items}; de wachttijd hangt dan af van hoe lang er gemeten wordt.",
        "queues_item": "bij {team} met ongeveer {n} {families} per jaar",
        "family": ("gezin", "gezinnen"),
        "queue_stable_but": ("De wachtlijst voor een intake blijft ongeveer gelijk op zo’n {n} {families_n}, maar de "
                             "wachtlijst voor {care} groeit met ongeveer {m} {families} per jaar."),
        "queue_empty_but": ("De wachtlijst voor een intake blijft ongeveer gelijk en vrijwel leeg, maar de wachtlijst "
                            "voor {care} groeit met ongeveer {m} {families} per jaar."),
        "caution_more": "De cijfers per wachtlijst, ook voor specialistische zorg, staan in de bijlage voor analisten.",
        # Sensitivity
        "sens": "Welke aannames kunnen de conclusie veranderen?",
        "sens_intro": ("Een model rust op aannames. Voor ‘{scen}’ is de wachttijd opnieuw doorgerekend met elke "
                       "aanname op een lage en een hoge waarde ({reps} herhalingen per waarde). De grafiek laat zien "
                       "hoeveel de gemiddelde wachttijd dan verandert."),
        "sens_changes": ["Als de aanname ‘{label}’ tussen {low} en {high} ligt (uitgangspunt {base}), ligt de "
                         "gemiddelde wachttijd tussen ", " en ", " dagen in plaats van ", ". Dat is meer dan {than}; "
                         "de conclusie hangt dus af van deze aanname."],
        "sens_than_all": "elk verschil tussen de ontwerpen ({dmin} tot {dmax} dagen)",
        "sens_than_some": "het verschil met {names}",
        "sens_than_item": "‘{name}’ ({d} dagen)",
        "sens_range": ["Als de aanname ‘{label}’ tussen {low} en {high} ligt (uitgangspunt {base}), ligt de "
                       "gemiddelde wachttijd tussen ", " en ", " dagen in plaats van ", "."],
        "sens_small": ("De andere aannames ({labels}) veranderen de wachttijd minder dan het kleinste verschil "
                       "tussen de ontwerpen ({dmin} dagen)."),
        "and": "en",
        "sens_none": ("Geen van de onderzochte aannames verandert de wachttijd meer dan het verschil tussen de "
                      "ontwerpen ({dmin} tot {dmax} dagen). Binnen deze bandbreedtes blijft de conclusie staan."),
        "sens_other": ("Deze gevoeligheid is alleen voor ‘{scen}’ doorgerekend; voor de andere ontwerpen kan ze "
                       "anders uitvallen."),
        "sens_unmatched": ("De gevoeligheid is doorgerekend voor het scenariobestand ‘{file}’, dat niet in deze "
                           "vergelijking voorkomt."),
        # Sensitivity of the difference between designs (a sweep of several scenarios)
        "sens_diff_intro": ("Een model rust op aannames. Daarom is het verschil tussen ‘{name}’ en ‘{ref}’ opnieuw "
                            "doorgerekend met elke aanname op een lage en een hoge waarde, steeds met dezelfde "
                            "gezinnen in beide scenario’s ({reps} herhalingen per waarde). De grafiek laat zien hoe "
                            "het verschil in gemiddelde wachttijd dan verandert."),
        "sens_diff_base": ["In het uitgangspunt wachten gezinnen in ‘{name}’ gemiddeld ", " dagen {dir} op een intake "
                           "dan in ‘{ref}’ (95%-BI ", " tot ", ")."],
        "sens_diff_changes": ["Ligt de aanname ‘{label}’ op {value} in plaats van {base}, dan wachten gezinnen in "
                              "‘{name}’ gemiddeld ", " dagen {dir} op een intake dan in ‘{ref}’ (95%-BI ", " tot ",
                              ")."],
        "sens_diff_base_equal": ("In het uitgangspunt wachten gezinnen in ‘{name}’ en in ‘{ref}’ gemiddeld even lang "
                                 "op een intake."),
        "sens_diff_changes_equal": ["Ligt de aanname ‘{label}’ op {value} in plaats van {base}, dan wachten gezinnen "
                                    "in ‘{name}’ en in ‘{ref}’ gemiddeld even lang op een intake."],
        "sens_diff_zero": "Dan is niet meer zeker dat er een verschil is.",
        "sens_diff_flip": "Het verschil draait dan om.",
        "sens_diff_clear": "Dan is er wel een duidelijk verschil.",
        "sens_diff_depends": "De conclusie hangt dus af van deze aanname.",
        "sens_diff_holds": ("Bij de andere aannames ({labels}) blijft het verschil bij de lage en de hoge waarde "
                            "duidelijk in dezelfde richting: daar blijft de conclusie staan."),
        "sens_diff_holds_unclear": ("Bij de andere aannames ({labels}) kan het verschil ook bij de lage en de hoge "
                                    "waarde nul zijn."),
        "sens_diff_none": ("Geen van de onderzochte aannames ({labels}) verandert de conclusie: bij elke lage en hoge "
                           "waarde blijft het verschil duidelijk in dezelfde richting."),
        "sens_diff_none_unclear": ("Bij geen van de onderzochte aannames ({labels}) wordt het verschil duidelijk: het "
                                   "kan steeds ook nul zijn."),
        # Tables
        "table": "Kerncijfers", "kpi": "Kerncijfer", "diff_head": "Verschil: {name}",
        "table_note": ("Gemiddelde over {reps} herhalingen, met tussen haakjes het 95%-betrouwbaarheidsinterval. "
                       "De kolommen ‘Verschil’ geven het verschil met ‘{ref}’, berekend per herhaling met dezelfde "
                       "gezinnen. Bij percentages is het verschil in procentpunten (pp)."),
        "table_note_run": ("Gemiddelde over {reps} herhalingen, met tussen haakjes het "
                           "95%-betrouwbaarheidsinterval."),
        "years": "Per kalenderjaar", "years_scenario": "Scenario",
        "years_note": ("Gemiddelde over de herhalingen. De meetperiode begint op {start}. Kosten over het hele jaar; "
                       "wachtlijsten gemiddeld over de metingen in dat jaar."),
        "years_span_note": " Elk jaar loopt vanaf {start_day} tot dezelfde datum een jaar later.",
        "year_cost": "Kosten, miljoen euro",
        "year_wl_teams": "Wachtend op een intake (gezinnen)",
        "year_wl_providers": "Wachtend op specialistische zorg (gezinnen)",
        "charts": "Grafieken", "provenance": "Herkomst",
        # Glossary
        "glossary": "Woordenlijst",
        "terms": [
            ("Wijkteam", "Team van de gemeente waar een gezin terechtkan met vragen over opvoeden, opgroeien en "
                         "het gezin; het helpt zelf of verwijst door."),
            ("Regisseur", "De vaste professional die voor een gezin de hulp coördineert en het overzicht houdt."),
            ("Intake", "Het eerste gesprek met een team, waarin de hulpvraag van het gezin in kaart wordt gebracht."),
            ("Wachtlijst", "De gezinnen die zich hebben gemeld maar nog niet geholpen worden."),
            ("Norm", "De termijn waarbinnen de gemeente een intake wil laten plaatsvinden."),
            ("Gecertificeerde instelling (GI)", "Organisatie die jeugdbescherming en jeugdreclassering uitvoert, "
                                                "bijvoorbeeld bij een ondertoezichtstelling."),
            ("Specialistische zorg", "Hulp buiten het team, zoals jeugd-ggz, pleegzorg of een gezinshuis."),
            ("Caseload", "Het aantal gezinnen dat één medewerker tegelijk begeleidt."),
            ("Herhaling", "Eén keer doorrekenen van het model met een eigen groep gezinnen. Het gemiddelde over "
                          "veel herhalingen is betrouwbaarder dan één uitkomst."),
            ("95%-betrouwbaarheidsinterval (95%-BI)", "De marge rond een gemiddelde. Met heel veel herhalingen zou "
                                                      "het gemiddelde met 95% zekerheid binnen deze marge uitkomen."),
            ("Procentpunt", "Het verschil tussen twee percentages: van 40% naar 45% is 5 procentpunt meer."),
            ("Aanname", "Een getal in het model dat niet uit cijfers bekend is en daarom geschat is."),
        ],
        # Appendix for analysts
        "appendix": "Bijlage voor analisten",
        "app_method": "Rekenopzet",
        "app_seed": "Startgetal van de toevalsgenerator (seed)",
        "app_reps": "Herhalingen (replicaties)",
        "app_warmup": "Aanloopperiode (warm-up), niet meegeteld",
        "app_horizon": "Meetperiode",
        "app_start": "Begin van de meetperiode (simulation.start_date)",
        "app_days": "{n} dagen",
        "app_intervals": "Intervallen",
        "app_intervals_text": ("95%-BI: t-interval over de herhalingen; verschillen gepaard per herhaling (common "
                               "random numbers). Banden in de grafieken: 10e tot 90e percentiel over de herhalingen "
                               "(P10-P90). ‘9 van de 10 gezinnen wachten korter dan’: het 90e percentiel van de "
                               "wachttijd."),
        "app_version": "Programma",
        "app_folder": "Resultatenmap",
        "app_files": "Scenariobestanden",
        "app_overrides": "Aanpassingen op de opdrachtregel",
        "app_queues": "Wachtlijsten per team en zorgsoort (queue-trends.csv)",
        "app_queues_note": ("Gemiddelde lengte in de eerste en de tweede helft van de meetperiode, de groei per jaar "
                            "(met 95%-BI) en of de wachtlijst nog groeit (95% zeker en minstens 25% en één gezin "
                            "langer)."),
        "app_q_scen": "Scenario", "app_q_queue": "Wachtlijst", "app_q_first": "Eerste helft",
        "app_q_second": "Tweede helft", "app_q_growth": "Groei per jaar", "app_q_growing": "Groeit",
        "yes": "ja", "no": "nee",
        "app_sd": "Spreiding van de caseload tussen medewerkers",
        "app_sd_team": "Team", "app_sd_value": "Standaardafwijking (95%-BI)",
        "app_sd_note": ("Standaardafwijking (gezinnen) tussen medewerkers van hun gemiddelde caseload over de "
                        "meetperiode, gemiddeld over de herhalingen (95%-BI)."),
        "app_sens": "Gevoeligheidsanalyse",
        "app_sens_text": "Uit {folder}: sensitivity.csv van jeugdsim sweep --one-way op {file}, startgetal {seed}.",
        "app_sens_diff_text": ("Uit {folder}: sweep-differences.csv van jeugdsim sweep --one-way op {files} (gepaarde "
                               "verschillen met het eerste scenario), startgetal {seed}."),
        "app_about": ("Dit is een simulatie met aannames; lees de verschillen als richting en orde van grootte. "
                      "De grafieken staan ook los in de map charts/ (PNG en SVG) voor presentaties."),
    },
    "en": {
        "title": "Organising youth care differently: what does it mean for families?",
        "title_run": "Youth care in the scenario ‘{name}’",
        "byline": "Computed on {date} with the jeugdsim simulation model. The details are in the appendix for analysts.",
        "summary": "Summary",
        "intro_compare": ("This report compares {n} ways of organising youth care. The model runs each scenario "
                          "{reps} times, each time with a different group of families: these are the {reps} runs. "
                          "Within one run every scenario gets the same families, arriving at the same moment with "
                          "the same needs. Differences between the scenarios therefore come from the organisation, "
                          "not from chance. Every number is a mean over the runs. The 95% confidence interval "
                          "(95% CI) after it shows how certain that mean is. Each scenario is compared with ‘{ref}’."),
        "intro_run": ("This report describes one scenario. The model runs it {reps} times, each time with a "
                      "different group of families: these are the {reps} runs. Every number is a mean over the "
                      "runs. The 95% confidence interval (95% CI) after it shows how certain that mean is."),
        "vs": "‘{name}’ compared with ‘{ref}’",
        "wait": ["In the scenario ‘{name}’, families wait on average ", " days {dir} for an intake than in "
                 "‘{ref}’ (95% CI ", " to ", ")."],
        "wait_dir": ("longer", "shorter"),
        "wait_equal": "In the scenario ‘{name}’, families wait on average as long for an intake as in ‘{ref}’.",
        "norm": ["Of the intakes, ", "% happen within the norm of {norm:g} days, against ", "% in ‘{ref}’."],
        "prof": ["A family deals on average with ", " {dir} professionals (95% CI ", " to ", ") and has ",
                 " {dir2} intakes (95% CI ", " to ", ")."],
        "more_less": ("more", "fewer"),
        "pp_dir": ("higher", "lower"),
        "regie": ["Of the families with a regisseur, ", "% keep the same one throughout, against ",
                  "% in ‘{ref}’: ", " percentage points {dir} (95% CI ", " to ", ")."],
        "safety": ["For ", "% of families with a safety risk, safety is never assessed, against ", "% in ‘{ref}’ (",
                   " percentage points {dir}, 95% CI ", " to ", ")."],
        "regie_equal": ["Of the families with a regisseur, ", "% keep the same one throughout, against ",
                        "% in ‘{ref}’: equally often."],
        "safety_equal": ["For ", "% of families with a safety risk, safety is never assessed, against ",
                         "% in ‘{ref}’: equally often."],
        "cost": ["Costs are on average EUR ", " million per year {dir} (95% CI ", " to ", "): EUR ",
                 " million against EUR ", " million."],
        "cost_dir": ("higher", "lower"),
        "not_sig": " This difference is so small that it may also be zero.",
        "run_wait": ["Families wait on average ", " days for an intake (95% CI ", " to ", "). Of the intakes, ",
                     "% happen within the norm of {norm:g} days."],
        "run_prof": ["A family deals on average with ", " professionals and has ", " intakes."],
        "run_regie": ["Of the families with a regisseur, ", "% keep the same one throughout."],
        "run_safety": ["For ", "% of families with a safety risk, safety is never assessed."],
        "run_cost": ["Costs are on average EUR ", " million per year (95% CI ", " to ", ")."],
        "no_summary": "The results hold no headline figures to summarise.",
        # Equal service (equal-service.csv of `compare --equal-service`)
        "es_lead": ["To reach the norm, ‘{name}’ needs ", " FTE {dir} than ‘{ref}’ (", " against ",
                    " FTE) and costs EUR ", " million a year {cdir} (95% CI ", " to ", ")"],
        "es_lead_same": ["To reach the norm, ‘{name}’ needs as many FTE as ‘{ref}’ (", " FTE) and costs EUR ",
                         " million a year {cdir} (95% CI ", " to ", ")"],
        "es_dir": ("more", "fewer"),
        "es_cost_dir": ("more", "less"),
        "es_cost_nil": ", a difference that may also be zero",
        "es_then": ["; at that staffing ", "% of families in ‘{name}’ get an intake within {norm} days, in ‘{ref}’ ",
                    "%."],
        "es_then_plain": "; the figures below hold at that staffing.",
        "es_goal": "The norm: {goal}. Every figure in this report holds at the staffing with which each design meets it.",
        "es_and": " and ",
        "es_table_caption": "Staffing per design to meet the norm (equal-service.csv)",
        "es_team": "Team",
        "es_total": "Total",
        "es_cost": "Cost per year (EUR million)",
        "es_cell": "{fte} FTE, {workers} workers",
        "es_file": "in the scenario {fte} FTE",
        "es_not_sized": "not sized",
        "es_note": ("Each design's teams were sized with the capacity planner in whole posts until the norm is met, on "
                    "the same random numbers for every design. In brackets: the 95% CI."),
        "caution_title": "Note: not every waiting list settles",
        "caution_title_calm": "Waiting lists",
        "queue_stable": "The waiting list stays roughly level at about {n} {families}.",
        "queue_stable_empty": "The waiting list stays roughly level and almost empty.",
        "queue_grows": ("The waiting list at {team} grows by about {n} {families} a year; waits then depend on how "
                        "long you look."),
        "queues_grow": "The waiting lists grow: {items}; waits then depend on how long you look.",
        "queues_item": "at {team} by about {n} {families} a year",
        "family": ("family", "families"),
        "queue_stable_but": ("The waiting list for an intake stays roughly level at about {n} {families_n}, but the "
                             "waiting list for {care} grows by about {m} {families} a year."),
        "queue_empty_but": ("The waiting list for an intake stays roughly level and almost empty, but the waiting list "
                            "for {care} grows by about {m} {families} a year."),
        "caution_more": "The figures per waiting list, including specialist care, are in the appendix for analysts.",
        "sens": "Which assumptions could change the conclusion?",
        "sens_intro": ("A model rests on assumptions. For ‘{scen}’ the wait was computed again with each assumption "
                       "at a low and a high value ({reps} runs per value). The chart shows how much the mean wait "
                       "then changes."),
        "sens_changes": ["If the assumption ‘{label}’ lies between {low} and {high} (base case {base}), the mean "
                         "wait lies between ", " and ", " days instead of ", ". That is more than {than}, so the "
                         "conclusion depends on this assumption."],
        "sens_than_all": "any difference between the designs ({dmin} to {dmax} days)",
        "sens_than_some": "the difference with {names}",
        "sens_than_item": "‘{name}’ ({d} days)",
        "sens_range": ["If the assumption ‘{label}’ lies between {low} and {high} (base case {base}), the mean "
                       "wait lies between ", " and ", " days instead of ", "."],
        "sens_small": ("The other assumptions ({labels}) change the wait less than the smallest difference between "
                       "the designs ({dmin} days)."),
        "and": "and",
        "sens_none": ("None of the assumptions studied changes the wait more than the difference between the designs "
                      "({dmin} to {dmax} days). Within these ranges the conclusion stands."),
        "sens_other": ("This sensitivity was computed for ‘{scen}’ only; for the other designs it may turn out "
                       "differently."),
        "sens_unmatched": "The sensitivity was computed for the scenario file ‘{file}’, which is not in this comparison.",
        "sens_diff_intro": ("A model rests on assumptions. The difference between ‘{name}’ and ‘{ref}’ was "
                            "therefore computed again with each assumption at a low and a high value, each time with "
                            "the same families in both scenarios ({reps} runs per value). The chart shows how the "
                            "difference in mean wait then changes."),
        "sens_diff_base": ["In the base case, families in ‘{name}’ wait on average ", " days {dir} for an intake "
                           "than in ‘{ref}’ (95% CI ", " to ", ")."],
        "sens_diff_changes": ["If the assumption ‘{label}’ is {value} instead of {base}, families in ‘{name}’ wait on "
                              "average ", " days {dir} for an intake than in ‘{ref}’ (95% CI ", " to ", ")."],
        "sens_diff_base_equal": "In the base case, families in ‘{name}’ and in ‘{ref}’ wait equally long for an intake.",
        "sens_diff_changes_equal": ["If the assumption ‘{label}’ is {value} instead of {base}, families in ‘{name}’ "
                                    "and in ‘{ref}’ wait equally long for an intake."],
        "sens_diff_zero": "It is then no longer certain that there is a difference.",
        "sens_diff_flip": "The difference then reverses.",
        "sens_diff_clear": "There is then a clear difference.",
        "sens_diff_depends": "So the conclusion depends on this assumption.",
        "sens_diff_holds": ("With the other assumptions ({labels}) the difference stays clearly in the same "
                            "direction at the low and the high value: there the conclusion stands."),
        "sens_diff_holds_unclear": ("With the other assumptions ({labels}) the difference may also be zero at the low "
                                    "and the high value."),
        "sens_diff_none": ("None of the assumptions studied ({labels}) changes the conclusion: at every low and high "
                           "value the difference stays clearly in the same direction."),
        "sens_diff_none_unclear": ("None of the assumptions studied ({labels}) makes the difference clear: it may "
                                   "always also be zero."),
        "table": "Headline figures", "kpi": "Figure", "diff_head": "Difference: {name}",
        "table_note": ("Mean over {reps} runs, with the 95% confidence interval in brackets. The ‘Difference’ "
                       "columns give the difference with ‘{ref}’, computed per run with the same families. For "
                       "percentages the difference is in percentage points (pp)."),
        "table_note_run": "Mean over {reps} runs, with the 95% confidence interval in brackets.",
        "years": "Per calendar year", "years_scenario": "Scenario",
        "years_note": ("Mean over the runs. The measured period starts on {start}. Costs over the whole year; "
                       "waiting lists averaged over the samples in that year."),
        "years_span_note": " Each year runs from {start_day} to the same date one year later.",
        "year_cost": "Cost, EUR million",
        "year_wl_teams": "Waiting for an intake (families)",
        "year_wl_providers": "Waiting for specialist care (families)",
        "charts": "Charts", "provenance": "Provenance",
        "glossary": "Glossary",
        "terms": [
            ("Wijkteam", "The municipality's neighbourhood team where a family can turn with questions about "
                         "parenting, growing up and the family; it helps or refers."),
            ("Regisseur", "The one professional who coordinates a family's help and keeps the overview."),
            ("Intake", "The first meeting with a team, where the family's needs are mapped."),
            ("Waiting list", "The families who have asked for help but are not yet being helped."),
            ("Norm", "The time within which the municipality wants an intake to happen."),
            ("Certified institution (GI)", "The organisation for child protection and youth probation."),
            ("Specialist care", "Help outside the team, such as youth mental health care, foster care or a family "
                                "home."),
            ("Caseload", "The number of families one worker supports at a time."),
            ("Run", "One pass of the model with its own group of families. The mean over many runs is more "
                    "reliable than one outcome."),
            ("95% confidence interval (95% CI)", "The margin around a mean. With very many runs the mean would "
                                                 "end up within it with 95% certainty."),
            ("Percentage point", "The difference between two percentages: from 40% to 45% is 5 percentage points."),
            ("Assumption", "A number in the model that is estimated rather than known from data."),
        ],
        "appendix": "Appendix for analysts",
        "app_method": "Set-up",
        "app_seed": "Seed of the random number generator",
        "app_reps": "Replications (runs)",
        "app_warmup": "Warm-up, not counted",
        "app_horizon": "Measured period",
        "app_start": "Start of the measured period (simulation.start_date)",
        "app_days": "{n} days",
        "app_intervals": "Intervals",
        "app_intervals_text": ("95% CI: t interval over the replications; differences paired per replication "
                               "(common random numbers). Bands in the charts: 10th to 90th percentile over the "
                               "replications (P10-P90). ‘9 in 10 families wait less than’: the 90th percentile of "
                               "the wait."),
        "app_version": "Program",
        "app_folder": "Results folder",
        "app_files": "Scenario files",
        "app_overrides": "Command-line overrides",
        "app_queues": "Waiting lists per team and type of care (queue-trends.csv)",
        "app_queues_note": ("Mean length in the first and second half of the measured period, growth per year (with "
                            "95% CI) and whether the list is still growing (95% certain and at least 25% and one "
                            "family longer)."),
        "app_q_scen": "Scenario", "app_q_queue": "Waiting list", "app_q_first": "First half",
        "app_q_second": "Second half", "app_q_growth": "Growth per year", "app_q_growing": "Growing",
        "yes": "yes", "no": "no",
        "app_sd": "Spread of caseload between workers",
        "app_sd_team": "Team", "app_sd_value": "Standard deviation (95% CI)",
        "app_sd_note": ("Standard deviation (families) between workers of their mean caseload over the measured "
                        "period, mean over the replications (95% CI)."),
        "app_sens": "Sensitivity analysis",
        "app_sens_text": "From {folder}: sensitivity.csv of jeugdsim sweep --one-way on {file}, seed {seed}.",
        "app_sens_diff_text": ("From {folder}: sweep-differences.csv of jeugdsim sweep --one-way on {files} (paired "
                               "differences with the first scenario), seed {seed}."),
        "app_about": ("This is a simulation built on assumptions; read differences as direction and size. The "
                      "charts are also in the folder charts/ (PNG and SVG) for slides."),
    },
}

NUMBER_WORDS = {
    "nl": ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
}


def count_word(n: int, lang: str) -> str:
    """Small counts in words, as Dutch and English house style want in running text."""
    return NUMBER_WORDS[lang][n] if 0 <= n < len(NUMBER_WORDS[lang]) else str(n)
