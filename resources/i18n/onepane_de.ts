<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionController</name>
    <message>
        <source>Cancel…</source>
        <translation>Stornieren…</translation>
    </message>
    <message>
        <source>Cancel the order or its lines</source>
        <translation>Bestellung oder einzelne Positionen stornieren</translation>
    </message>
    <message>
        <source>Fulfil in store…</source>
        <translation>In der Filiale ausgeben…</translation>
    </message>
    <message>
        <source>Hand the order over from store stock</source>
        <translation>Bestellung aus dem Filialbestand übergeben</translation>
    </message>
    <message>
        <source>Take return…</source>
        <translation>Retoure annehmen…</translation>
    </message>
    <message>
        <source>Take a return of this purchase</source>
        <translation>Rücksendung für diesen Kauf annehmen</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Erstatten…</translation>
    </message>
    <message>
        <source>Refund this payment</source>
        <translation>Diese Zahlung erstatten</translation>
    </message>
    <message>
        <source>Change delivery…</source>
        <translation>Lieferung ändern…</translation>
    </message>
    <message>
        <source>Reroute, redirect, reschedule or intercept the parcel</source>
        <translation>Paket an neue Adresse umleiten, zur Abholung umleiten, neu terminieren oder abfangen</translation>
    </message>
    <message>
        <source>Actions and their state</source>
        <translation>Aktionen und ihr Status</translation>
    </message>
    <message>
        <source>Above your refund limit: this goes to a supervisor for approval first (%1).</source>
        <translation>Über Ihrem Erstattungslimit: Dies geht zuerst zur Freigabe an die Teamleitung (%1).</translation>
    </message>
    <message>
        <source>Open a customer first</source>
        <translation>Öffnen Sie zuerst einen Kunden</translation>
    </message>
    <message>
        <source>Select an order</source>
        <translation>Wählen Sie eine Bestellung aus</translation>
    </message>
    <message>
        <source>Only store staff at a store can hand over from stock</source>
        <translation>Nur Filialmitarbeiter in einer Filiale können aus dem Bestand übergeben</translation>
    </message>
    <message>
        <source>Everything on this order was already returned</source>
        <translation>Alle Artikel dieser Bestellung wurden bereits zurückgegeben</translation>
    </message>
    <message>
        <source>Select a payment</source>
        <translation>Wählen Sie eine Zahlung aus</translation>
    </message>
    <message>
        <source>Select a parcel</source>
        <translation>Wählen Sie ein Paket aus</translation>
    </message>
    <message>
        <source>The delivery system</source>
        <translation>Das Liefersystem</translation>
    </message>
    <message>
        <source>%1 cannot do this — ask the carrier directly</source>
        <translation>%1 kann das nicht — wenden Sie sich direkt an den Versanddienstleister</translation>
    </message>
    <message>
        <source>Checking stock at Store %1…</source>
        <translation>Bestand in Filiale %1 wird geprüft…</translation>
    </message>
    <message>
        <source>Stock could not be checked: %1</source>
        <translation>Bestand konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>%1 — sending…</source>
        <translation>%1 — wird gesendet…</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>not possible</source>
        <translation>nicht möglich</translation>
    </message>
    <message>
        <source>denied by a supervisor</source>
        <translation>von der Teamleitung abgelehnt</translation>
    </message>
    <message>
        <source>not sent yet — will retry</source>
        <translation>noch nicht gesendet — wird erneut versucht</translation>
    </message>
    <message>
        <source>waiting for a supervisor&apos;s approval</source>
        <translation>wartet auf Freigabe durch die Teamleitung</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>What will happen</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <source>Why this cannot be done</source>
        <translation>Warum dies nicht möglich ist</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Confirm the action</source>
        <translation>Aktion bestätigen</translation>
    </message>
    <message>
        <source>Close without doing anything</source>
        <translation>Schließen, ohne etwas zu tun</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>nothing yet today</source>
        <translation>heute noch nichts</translation>
    </message>
</context>
<context>
    <name>BrowserSignIn</name>
    <message>
        <source>Sign in to OnePane</source>
        <translation>Bei OnePane anmelden</translation>
    </message>
    <message>
        <source>Continue in your browser: sign in with your company account.</source>
        <translation>Fahren Sie in Ihrem Browser fort: Melden Sie sich mit Ihrem Firmenkonto an.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Start the sign-in in the browser again</source>
        <translation>Anmeldung im Browser neu starten</translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>The sign-in did not work.</source>
        <translation>Die Anmeldung ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel order %1</source>
        <translation>Bestellung %1 stornieren</translation>
    </message>
    <message>
        <source>The whole order</source>
        <translation>Die gesamte Bestellung</translation>
    </message>
    <message>
        <source>Cancel the whole order</source>
        <translation>Gesamte Bestellung stornieren</translation>
    </message>
    <message>
        <source>Only the lines ticked below (not shipped yet)</source>
        <translation>Nur die unten markierten Positionen (noch nicht versandt)</translation>
    </message>
    <message>
        <source>Cancel only some lines</source>
        <translation>Nur einzelne Positionen stornieren</translation>
    </message>
    <message>
        <source>Order lines to cancel</source>
        <translation>Zu stornierende Bestellpositionen</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Stornierungsgrund</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Tick at least one line to cancel</source>
        <translation>Markieren Sie mindestens eine zu stornierende Position</translation>
    </message>
</context>
<context>
    <name>CandidateList</name>
    <message>
        <source>People found</source>
        <translation>Gefundene Personen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the selected person</source>
        <translation>Ausgewählte Person öffnen</translation>
    </message>
    <message>
        <source>Enter or double-click opens a person.</source>
        <translation>Enter oder Doppelklick öffnet eine Person.</translation>
    </message>
    <message>
        <source>%1 people match “%2”. Choose one (arrow keys, Enter).</source>
        <translation>%1 Personen passen zu „%2“. Wählen Sie eine aus (Pfeiltasten, Enter).</translation>
    </message>
    <message>
        <source>%1 people match “%2” so far; still asking…</source>
        <translation>Bisher passen %1 Personen zu „%2“; weitere Abfragen laufen…</translation>
    </message>
</context>
<context>
    <name>CandidatesModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Matched in</source>
        <translation>Gefunden in</translation>
    </message>
    <message>
        <source>Suggested links (weak)</source>
        <translation>Vorgeschlagene Verknüpfungen (schwach)</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
</context>
<context>
    <name>CasesModel</name>
    <message>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Visibility</source>
        <translation>Sichtbarkeit</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Verfasser</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>CasesSection</name>
    <message>
        <source>5 · Cases &amp;&amp; notes</source>
        <translation>5 · Fälle &amp;&amp; Notizen</translation>
    </message>
    <message>
        <source>Cases and notes</source>
        <translation>Fälle und Notizen</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Notes, newest first</source>
        <translation>Notizen, neueste zuerst</translation>
    </message>
    <message>
        <source>Notes of every case</source>
        <translation>Notizen aller Fälle</translation>
    </message>
    <message>
        <source>1 contact</source>
        <translation>1 Kontakt</translation>
    </message>
    <message>
        <source>%1 contacts</source>
        <translation>%1 Kontakte</translation>
    </message>
    <message>
        <source>1 note, newest first</source>
        <translation>1 Notiz, neueste zuerst</translation>
    </message>
    <message>
        <source>%1 notes, newest first</source>
        <translation>%1 Notizen, neueste zuerst</translation>
    </message>
</context>
<context>
    <name>CustomerHeader</name>
    <message>
        <source>Customer name</source>
        <translation>Kundenname</translation>
    </message>
    <message>
        <source>Tier: %1</source>
        <translation>Kundenstufe: %1</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>Sprache: %1</translation>
    </message>
    <message>
        <source>Prefers: %1</source>
        <translation>Bevorzugt: %1</translation>
    </message>
    <message>
        <source>CRM %1</source>
        <translation>CRM %1</translation>
    </message>
    <message>
        <source>Not in the CRM (yet): details from the other systems</source>
        <translation>(Noch) nicht im CRM: Angaben aus den anderen Systemen</translation>
    </message>
    <message>
        <source>Flag: %1</source>
        <translation>Markierung: %1</translation>
    </message>
</context>
<context>
    <name>DeliveriesModel</name>
    <message>
        <source>late by 1 day</source>
        <translation>1 Tag verspätet</translation>
    </message>
    <message>
        <source>late by %n days</source>
        <translation>%n Tage verspätet</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sendung</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Zusteller</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Zugesagt</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Voraussichtlich</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Verspätung</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Letztes Ereignis</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
</context>
<context>
    <name>DeliveriesSection</name>
    <message>
        <source>4 · Deliveries</source>
        <translation>4 · Lieferungen</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Carrier events of the selected parcel</source>
        <translation>Sendungsereignisse des ausgewählten Pakets</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>handed over %1</source>
        <translation>übergeben %1</translation>
    </message>
    <message>
        <source>promised %1</source>
        <translation>zugesagt %1</translation>
    </message>
    <message>
        <source>estimated %1</source>
        <translation>voraussichtlich %1</translation>
    </message>
    <message>
        <source>exception: “%1” at %2</source>
        <translation>Störung: „%1“ (%2)</translation>
    </message>
    <message>
        <source>last seen: %1</source>
        <translation>zuletzt erfasst: %1</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>Change delivery of parcel %1</source>
        <translation>Lieferung von Paket %1 ändern</translation>
    </message>
    <message>
        <source>What to change</source>
        <translation>Was geändert werden soll</translation>
    </message>
    <message>
        <source>Deliver to a corrected address</source>
        <translation>An eine korrigierte Adresse liefern</translation>
    </message>
    <message>
        <source>Redirect to pick-up at a store</source>
        <translation>Zur Abholung in eine Filiale umleiten</translation>
    </message>
    <message>
        <source>Deliver on a new date</source>
        <translation>An einem neuen Datum liefern</translation>
    </message>
    <message>
        <source>Intercept (back to the warehouse)</source>
        <translation>Abfangen (zurück ins Lager)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>Straße und Hausnummer</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>Adresszeile 2</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country (2 letters)</source>
        <translation>Land (2 Buchstaben)</translation>
    </message>
    <message>
        <source>Pick-up store</source>
        <translation>Abholfiliale</translation>
    </message>
    <message>
        <source>New delivery date</source>
        <translation>Neues Lieferdatum</translation>
    </message>
    <message>
        <source>The carrier returns the parcel to the warehouse.</source>
        <translation>Der Versanddienstleister schickt das Paket ins Lager zurück.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Choose a store</source>
        <translation>Wählen Sie eine Filiale aus</translation>
    </message>
</context>
<context>
    <name>DeliveryProgressLine</name>
    <message>
        <source>Delivery progress</source>
        <translation>Lieferfortschritt</translation>
    </message>
</context>
<context>
    <name>FulfilDialog</name>
    <message>
        <source>Fulfil order %1 in store</source>
        <translation>Bestellung %1 in der Filiale ausgeben</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Stock here</source>
        <translation>Bestand hier</translation>
    </message>
    <message>
        <source>Items to hand over</source>
        <translation>Zu übergebende Artikel</translation>
    </message>
    <message>
        <source>Tick the items to hand over</source>
        <translation>Markieren Sie die zu übergebenden Artikel</translation>
    </message>
</context>
<context>
    <name>HandoffDialog</name>
    <message>
        <source>Hand off %1</source>
        <translation>%1 übergeben</translation>
    </message>
    <message>
        <source>the supervisors&apos; queue</source>
        <translation>die Warteschlange der Teamleitung</translation>
    </message>
    <message>
        <source>Hand off to</source>
        <translation>Übergeben an</translation>
    </message>
    <message>
        <source>a team</source>
        <translation>ein Team</translation>
    </message>
    <message>
        <source>a named colleague</source>
        <translation>eine bestimmte Person</translation>
    </message>
    <message>
        <source>a store</source>
        <translation>eine Filiale</translation>
    </message>
    <message>
        <source>the supervisors</source>
        <translation>die Teamleitung</translation>
    </message>
    <message>
        <source>Who takes over</source>
        <translation>Wer übernimmt</translation>
    </message>
    <message>
        <source>Case that goes along</source>
        <translation>Zugehöriger Fall</translation>
    </message>
    <message>
        <source>— no case —</source>
        <translation>— kein Fall —</translation>
    </message>
    <message>
        <source>What the customer wants</source>
        <translation>Anliegen des Kunden</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Was bereits erledigt wurde</translation>
    </message>
    <message>
        <source>What is pending</source>
        <translation>Was noch offen ist</translation>
    </message>
    <message>
        <source>Call-back promised at</source>
        <translation>Rückruf zugesagt für</translation>
    </message>
    <message>
        <source>A call-back was promised</source>
        <translation>Ein Rückruf wurde zugesagt</translation>
    </message>
    <message>
        <source>Promised call-back time</source>
        <translation>Zugesagter Rückrufzeitpunkt</translation>
    </message>
    <message>
        <source>Hand off</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <source>Hand off now</source>
        <translation>Jetzt übergeben</translation>
    </message>
    <message>
        <source>Close without handing off</source>
        <translation>Schließen, ohne zu übergeben</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Customer wants</source>
        <translation>Kundenanliegen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Locked after %1 minutes without activity. Customer data is hidden.</source>
        <translation>Nach %1 Minuten ohne Aktivität gesperrt. Kundendaten sind ausgeblendet.</translation>
    </message>
    <message>
        <source>Unlock — it is me, %1</source>
        <translation>Entsperren — ich bin es, %1</translation>
    </message>
    <message>
        <source>Unlock the console</source>
        <translation>Konsole entsperren</translation>
    </message>
    <message>
        <source>Who is at the desk?</source>
        <translation>Wer sitzt am Arbeitsplatz?</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>%1 is signed in here, not %2 — sign out first to change staff member.</source>
        <translation>Hier ist %1 angemeldet, nicht %2 — melden Sie sich zuerst ab, um den Mitarbeiter zu wechseln.</translation>
    </message>
</context>
<context>
    <name>LinkReview</name>
    <message>
        <source>Kept apart by an agent: %1</source>
        <translation>Von einem Agenten getrennt gehalten: %1</translation>
    </message>
    <message>
        <source>Linked by an agent: %1</source>
        <translation>Von einem Agenten verknüpft: %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the decision about %1</source>
        <translation>Entscheidung zu %1 rückgängig machen</translation>
    </message>
    <message>
        <source>Suggested: %1 (%2) — matched on %3, %4% confidence</source>
        <translation>Vorschlag: %1 (%2) — übereinstimmend in %3, %4 % Sicherheit</translation>
    </message>
    <message>
        <source>Confirm link</source>
        <translation>Verknüpfung bestätigen</translation>
    </message>
    <message>
        <source>Confirm link to %1</source>
        <translation>Verknüpfung mit %1 bestätigen</translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation>Nicht dieselbe Person</translation>
    </message>
    <message>
        <source>Split: %1 is not this person</source>
        <translation>Trennen: %1 ist nicht diese Person</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>wird gespeichert…</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>verknüpft</translation>
    </message>
    <message>
        <source>kept apart</source>
        <translation>getrennt gehalten</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>rückgängig gemacht</translation>
    </message>
    <message>
        <source>not saved: %1</source>
        <translation>nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OnePane</source>
        <translation>OnePane</translation>
    </message>
    <message>
        <source>Search once: type or scan what the customer gives you — e-mail, phone, order, receipt, parcel or payment reference, or a name — and press Enter.
F1 lists every shortcut.</source>
        <translation>Einmal suchen: Geben Sie ein oder scannen Sie, was der Kunde Ihnen nennt — E-Mail, Telefon, Bestellung, Beleg, Paket- oder Zahlungsreferenz oder einen Namen — und drücken Sie Enter.
F1 zeigt alle Tastenkürzel.</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Search (also F3)</source>
        <translation>Suche (auch F3)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Run the search / open the selected person</source>
        <translation>Suche ausführen / ausgewählte Person öffnen</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Lieferungen</translation>
    </message>
    <message>
        <source>Cases and notes</source>
        <translation>Fälle und Notizen</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>Zu %1 wechseln</translation>
    </message>
    <message>
        <source>Filter the timeline by kind</source>
        <translation>Verlauf nach Art filtern</translation>
    </message>
    <message>
        <source>Check store stock for the selected order line</source>
        <translation>Filialbestand für die ausgewählte Bestellposition prüfen</translation>
    </message>
    <message>
        <source>Sort the table by the current column (again: reversed; a third time: as it came)</source>
        <translation>Tabelle nach der aktuellen Spalte sortieren (erneut: umgekehrt; ein drittes Mal: wie geliefert)</translation>
    </message>
    <message>
        <source>Retry every system that is down or stale</source>
        <translation>Alle ausgefallenen oder veralteten Systeme erneut abfragen</translation>
    </message>
    <message>
        <source>Back to the search box</source>
        <translation>Zurück zum Suchfeld</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Diese Übersicht</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous control</source>
        <translation>Nächstes / vorheriges Bedienelement</translation>
    </message>
    <message>
        <source>Sorted by %1, ascending</source>
        <translation>Sortiert nach %1, aufsteigend</translation>
    </message>
    <message>
        <source>Sorted by %1, descending</source>
        <translation>Sortiert nach %1, absteigend</translation>
    </message>
    <message>
        <source>In its own order again</source>
        <translation>Wieder in der ursprünglichen Reihenfolge</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Light theme</source>
        <translation>&amp;Helles Design</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <source>&amp;System theme</source>
        <translation>&amp;Systemdesign</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>Suche nach „%1“…</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1 gefunden</translation>
    </message>
    <message>
        <source>down: %1</source>
        <translation>ausgefallen: %1</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>langsam</translation>
    </message>
    <message>
        <source>No one found for “%1”.</source>
        <translation>Niemand gefunden für „%1“.</translation>
    </message>
    <message>
        <source>No customer matches “%1” in any system. Check the spelling, or try an e-mail, phone or order number.</source>
        <translation>In keinem System passt ein Kunde zu „%1“. Prüfen Sie die Schreibweise oder versuchen Sie es mit einer E-Mail-Adresse, Telefon- oder Bestellnummer.</translation>
    </message>
    <message>
        <source>%1 people found.</source>
        <translation>%1 Personen gefunden.</translation>
    </message>
    <message>
        <source>Showing %1</source>
        <translation>Angezeigt: %1</translation>
    </message>
    <message>
        <source>no local store to keep it in</source>
        <translation>kein lokaler Speicher dafür vorhanden</translation>
    </message>
    <message>
        <source>The link decision was not saved: %1</source>
        <translation>Die Entscheidung zur Verknüpfung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Link decision saved; searching again.</source>
        <translation>Entscheidung zur Verknüpfung gespeichert; es wird erneut gesucht.</translation>
    </message>
    <message>
        <source>Link decision saved; the next search uses it.</source>
        <translation>Entscheidung zur Verknüpfung gespeichert; die nächste Suche berücksichtigt sie.</translation>
    </message>
</context>
<context>
    <name>OnePane</name>
    <message>
        <source>The local store cannot be opened: %1</source>
        <translation>Der lokale Speicher kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Resuming %1 unfinished action(s) from the last session</source>
        <translation>%1 unerledigte Aktion(en) aus der letzten Sitzung werden fortgesetzt</translation>
    </message>
    <message>
        <source>Settings saved; they apply from the next start</source>
        <translation>Einstellungen gespeichert; sie gelten ab dem nächsten Start</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>Your sign-in has expired (%1); sign out and in again</source>
        <translation>Ihre Anmeldung ist abgelaufen (%1); bitte ab- und wieder anmelden</translation>
    </message>
    <message>
        <source>Screen pop refused: %1</source>
        <translation>Screen-Pop abgelehnt: %1</translation>
    </message>
    <message>
        <source>the local store cannot be opened</source>
        <translation>der lokale Speicher lässt sich nicht öffnen</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Press “Check stock” to ask the stores</source>
        <translation>„Bestand prüfen“ drücken, um die Filialen zu fragen</translation>
    </message>
    <message>
        <source>not stocked in any store</source>
        <translation>in keiner Filiale vorrätig</translation>
    </message>
</context>
<context>
    <name>OrdersSection</name>
    <message>
        <source>2 · Orders</source>
        <translation>2 · Bestellungen</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>Bestellpositionen</translation>
    </message>
    <message>
        <source>Check stock in stores</source>
        <translation>Bestand in Filialen prüfen</translation>
    </message>
    <message>
        <source>Check stock in stores for the selected order line</source>
        <translation>Bestand in Filialen für die ausgewählte Bestellposition prüfen</translation>
    </message>
    <message>
        <source>Which stores have this item (Ctrl+Shift+S)</source>
        <translation>Welche Filialen diesen Artikel haben (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Lines of %1</source>
        <translation>Positionen von %1</translation>
    </message>
    <message>
        <source>asking the stores…</source>
        <translation>Filialen werden abgefragt…</translation>
    </message>
    <message>
        <source>stock unknown: %1</source>
        <translation>Bestand unbekannt: %1</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Eingezogen</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>Zahlungsmittel</translation>
    </message>
    <message>
        <source>Tender</source>
        <translation>Zahlart</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>Erstattbar</translation>
    </message>
</context>
<context>
    <name>PaymentsSection</name>
    <message>
        <source>3 · Payments</source>
        <translation>3 · Zahlungen</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Tenders of the selected payment</source>
        <translation>Zahlungsmittel der ausgewählten Zahlung</translation>
    </message>
    <message>
        <source>Tenders of %1</source>
        <translation>Zahlungsmittel von %1</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>refunded %1 to %2 on %3</source>
        <translation>%1 am %3 auf %2 erstattet</translation>
    </message>
</context>
<context>
    <name>PersonPane</name>
    <message>
        <source>Situation summary</source>
        <translation>Zusammenfassung der Lage</translation>
    </message>
    <message>
        <source>Asking every system about %1…</source>
        <translation>Alle Systeme werden zu %1 abgefragt…</translation>
    </message>
    <message>
        <source>%1 so far; more pages coming</source>
        <translation>%1 bisher; weitere Seiten folgen</translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation>in %1 ms geantwortet</translation>
    </message>
    <message>
        <source>no answer yet; the rest of the pane works</source>
        <translation>noch keine Antwort; der Rest der Ansicht funktioniert</translation>
    </message>
    <message>
        <source>%1 — asking again</source>
        <translation>%1 — wird erneut gefragt</translation>
    </message>
    <message>
        <source>Nothing needs attention right now.</source>
        <translation>Derzeit ist nichts zu beachten.</translation>
    </message>
    <message>
        <source>Still asking: %1.</source>
        <translation>Noch ausstehend: %1.</translation>
    </message>
    <message>
        <source>Still loading: %1.</source>
        <translation>Wird noch geladen: %1.</translation>
    </message>
    <message>
        <source>Only part shown (too many records): %1.</source>
        <translation>Nur teilweise angezeigt (zu viele Einträge): %1.</translation>
    </message>
    <message>
        <source>Not available: %1.</source>
        <translation>Nicht verfügbar: %1.</translation>
    </message>
    <message>
        <source>From the last good copy: %1.</source>
        <translation>Aus der letzten guten Kopie: %1.</translation>
    </message>
    <message>
        <source>%1 as of %2</source>
        <translation>%1 (Stand %2)</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <source>1 · Profile</source>
        <translation>1 · Profil</translation>
    </message>
    <message>
        <source>Customer profile details</source>
        <translation>Details zum Kundenprofil</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Adresse: %1</translation>
    </message>
    <message>
        <source>Customer since: %1</source>
        <translation>Kunde seit: %1</translation>
    </message>
    <message>
        <source>Ids in other systems: %1</source>
        <translation>IDs in anderen Systemen: %1</translation>
    </message>
    <message>
        <source>No CRM profile linked.</source>
        <translation>Kein CRM-Profil verknüpft.</translation>
    </message>
    <message>
        <source>Linked in %1 by %2</source>
        <translation>In %1 verknüpft über %2</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund on payment %1</source>
        <translation>Erstattung auf Zahlung %1</translation>
    </message>
    <message>
        <source>%1 left to refund</source>
        <translation>%1 noch erstattbar</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>What to refund</source>
        <translation>Was erstattet werden soll</translation>
    </message>
    <message>
        <source>Everything left (%1)</source>
        <translation>Gesamter Restbetrag (%1)</translation>
    </message>
    <message>
        <source>An amount</source>
        <translation>Ein Betrag</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>Bestellpositionen</translation>
    </message>
    <message>
        <source>Shipping (%1)</source>
        <translation>Versandkosten (%1)</translation>
    </message>
    <message>
        <source>Amount to refund in %1</source>
        <translation>Zu erstattender Betrag in %1</translation>
    </message>
    <message>
        <source>Order lines to refund</source>
        <translation>Zu erstattende Bestellpositionen</translation>
    </message>
    <message>
        <source>Reason code for the refund</source>
        <translation>Grundcode für die Erstattung</translation>
    </message>
    <message>
        <source>— choose a reason —</source>
        <translation>— Grund auswählen —</translation>
    </message>
    <message>
        <source>As store credit instead of the original tenders</source>
        <translation>Als Guthaben statt auf die ursprünglichen Zahlungsmittel</translation>
    </message>
    <message>
        <source>Refund as store credit</source>
        <translation>Als Guthaben erstatten</translation>
    </message>
    <message>
        <source>Note for an approving supervisor</source>
        <translation>Notiz für die freigebende Teamleitung</translation>
    </message>
    <message>
        <source>Why (shown to a supervisor if approval is needed)</source>
        <translation>Begründung (wird der Teamleitung angezeigt, falls eine Freigabe nötig ist)</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Tick the lines to refund</source>
        <translation>Markieren Sie die zu erstattenden Positionen</translation>
    </message>
    <message>
        <source>Choose a reason code for the refund</source>
        <translation>Wählen Sie einen Grundcode für die Erstattung aus</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Take a return from order %1</source>
        <translation>Rücksendung aus Bestellung %1 annehmen</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>Gekauft</translation>
    </message>
    <message>
        <source>Items being returned</source>
        <translation>Zurückgegebene Artikel</translation>
    </message>
    <message>
        <source>Reason for the return</source>
        <translation>Rücksendegrund</translation>
    </message>
    <message>
        <source>— choose a reason —</source>
        <translation>— Grund auswählen —</translation>
    </message>
    <message>
        <source>Refund to the original tender</source>
        <translation>Auf das ursprüngliche Zahlungsmittel erstatten</translation>
    </message>
    <message>
        <source>Exchange for another item</source>
        <translation>Gegen einen anderen Artikel umtauschen</translation>
    </message>
    <message>
        <source>Item to exchange for (SKU)</source>
        <translation>Umtauschartikel (SKU)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Exchange for</source>
        <translation>Umtausch gegen</translation>
    </message>
    <message>
        <source>The payment is not loaded: only an exchange is offered.</source>
        <translation>Die Zahlung ist nicht geladen: Es wird nur ein Umtausch angeboten.</translation>
    </message>
    <message>
        <source>Tick the items being returned</source>
        <translation>Markieren Sie die zurückgegebenen Artikel</translation>
    </message>
    <message>
        <source>Choose a reason for the return</source>
        <translation>Wählen Sie einen Rücksendegrund aus</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>E-mail, phone, order, receipt, parcel or payment reference, or a name; Enter searches</source>
        <translation>E-Mail, Telefon, Bestellung, Beleg, Paket- oder Zahlungsreferenz oder ein Name; Enter startet die Suche</translation>
    </message>
    <message>
        <source>Search: e-mail, phone, order, receipt, parcel, payment or name — Enter (Ctrl+K)</source>
        <translation>Suche: E-Mail, Telefon, Bestellung, Beleg, Paket, Zahlung oder Name — Enter (Ctrl+K)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Search problem</source>
        <translation>Problem bei der Suche</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Loading more… %1 so far</source>
        <translation>Lädt weiter… %1 bisher</translation>
    </message>
    <message>
        <source>Showing the first %1 — the system holds more</source>
        <translation>Die ersten %1 werden angezeigt — das System hat mehr</translation>
    </message>
    <message>
        <source>an earlier session</source>
        <translation>einer früheren Sitzung</translation>
    </message>
    <message>
        <source>Stale since %1 — the system did not answer: %2</source>
        <translation>Veraltet seit %1 — das System hat nicht geantwortet: %2</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>OnePane settings</source>
        <translation>OnePane-Einstellungen</translation>
    </message>
    <message>
        <source>Systems (leave every address empty for the demo backends)</source>
        <translation>Systeme (für die Demo-Backends alle Adressen leer lassen)</translation>
    </message>
    <message>
        <source>Connector for %1</source>
        <translation>Konnektor für %1</translation>
    </message>
    <message>
        <source>Base URL of %1</source>
        <translation>Basis-URL von %1</translation>
    </message>
    <message>
        <source>Token for %1 (stored in the keyring)</source>
        <translation>Token für %1 (im Schlüsselbund gespeichert)</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>Connector options for %1</source>
        <translation>Connector-Optionen für %1</translation>
    </message>
    <message>
        <source>e.g. api_version=2026-10; email=api@example.com</source>
        <translation>z. B. api_version=2026-10; email=api@example.com</translation>
    </message>
    <message>
        <source>  address</source>
        <translation>  Adresse</translation>
    </message>
    <message>
        <source>  token</source>
        <translation>  Token</translation>
    </message>
    <message>
        <source>  options</source>
        <translation>  Optionen</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>Dieser Arbeitsplatz</translation>
    </message>
    <message>
        <source>Store database URL</source>
        <translation>Datenbank-URL</translation>
    </message>
    <message>
        <source>empty: SQLite in your data folder</source>
        <translation>leer: SQLite in Ihrem Datenordner</translation>
    </message>
    <message>
        <source>Default phone region</source>
        <translation>Standard-Telefonregion</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Idle lock after minutes</source>
        <translation>Sperre bei Inaktivität nach Minuten</translation>
    </message>
    <message>
        <source>Idle lock (minutes)</source>
        <translation>Sperre bei Inaktivität (Minuten)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Schließen, ohne zu speichern</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Close the shortcut sheet</source>
        <translation>Tastenkürzel-Übersicht schließen</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to OnePane</source>
        <translation>Bei OnePane anmelden</translation>
    </message>
    <message>
        <source>Staff members</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in as the selected staff member</source>
        <translation>Als ausgewählter Mitarbeiter anmelden</translation>
    </message>
</context>
<context>
    <name>SystemChip</name>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Retry %1</source>
        <translation>%1 erneut versuchen</translation>
    </message>
    <message>
        <source>Ask %1 again</source>
        <translation>%1 erneut abfragen</translation>
    </message>
    <message>
        <source>%1 …</source>
        <translation>%1 …</translation>
    </message>
    <message>
        <source>%1 ok</source>
        <translation>%1 ok</translation>
    </message>
    <message>
        <source>%1 slow</source>
        <translation>%1 langsam</translation>
    </message>
    <message>
        <source>%1 down</source>
        <translation>%1 ausgefallen</translation>
    </message>
    <message>
        <source>%1 loading…</source>
        <translation>%1 lädt…</translation>
    </message>
    <message>
        <source>%1 stale since %2</source>
        <translation>%1 veraltet seit %2</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <source>Hand off…</source>
        <translation>Übergeben…</translation>
    </message>
    <message>
        <source>Hand off this customer with notes</source>
        <translation>Diesen Kunden mit Notizen übergeben</translation>
    </message>
    <message>
        <source>Hand off this customer with notes (Ctrl+Alt+H)</source>
        <translation>Diesen Kunden mit Notizen übergeben (Ctrl+Alt+H)</translation>
    </message>
    <message>
        <source>Handoff notes and what changed since</source>
        <translation>Übergabenotizen und seitherige Änderungen</translation>
    </message>
    <message>
        <source>Handoffs for me and my team, oldest first</source>
        <translation>Übergaben an mich und mein Team, älteste zuerst</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Claim the selected handoff</source>
        <translation>Ausgewählte Übergabe übernehmen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the selected handoff&apos;s customer</source>
        <translation>Kunden der ausgewählten Übergabe öffnen</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Resolve the handoff being worked on</source>
        <translation>Die in Bearbeitung befindliche Übergabe abschließen</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Neu zuweisen…</translation>
    </message>
    <message>
        <source>Hand on…</source>
        <translation>Weitergeben…</translation>
    </message>
    <message>
        <source>Hand the selected handoff on to someone else, with a comment</source>
        <translation>Ausgewählte Übergabe mit einem Kommentar an jemand anderen weitergeben</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Refunds waiting for approval</source>
        <translation>Erstattungen, die auf Freigabe warten</translation>
    </message>
    <message>
        <source>Comment on the decision</source>
        <translation>Kommentar zur Entscheidung</translation>
    </message>
    <message>
        <source>Comment (required to deny)</source>
        <translation>Kommentar (für eine Ablehnung erforderlich)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Approve the selected refund</source>
        <translation>Ausgewählte Erstattung freigeben</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Deny the selected refund</source>
        <translation>Ausgewählte Erstattung ablehnen</translation>
    </message>
    <message>
        <source>The selected request in full</source>
        <translation>Die ausgewählte Anfrage vollständig</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Money refunded today, by staff member</source>
        <translation>Heute erstattete Beträge, nach Mitarbeiter</translation>
    </message>
    <message>
        <source>Actions refused or failing today</source>
        <translation>Heute abgelehnte oder fehlgeschlagene Aktionen</translation>
    </message>
    <message>
        <source>Open handoffs by age</source>
        <translation>Offene Übergaben nach Alter</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Go to the team queue</source>
        <translation>Zur Team-Warteschlange wechseln</translation>
    </message>
    <message>
        <source>Open a customer first</source>
        <translation>Öffnen Sie zuerst einen Kunden</translation>
    </message>
    <message>
        <source>Select a handoff first</source>
        <translation>Wählen Sie zuerst eine Übergabe aus</translation>
    </message>
    <message>
        <source>Claimed by %1 — only they or a supervisor can hand it on</source>
        <translation>Von %1 übernommen — nur diese Person oder die Teamleitung kann sie weitergeben</translation>
    </message>
    <message>
        <source>Handed on to %1</source>
        <translation>An %1 weitergegeben</translation>
    </message>
    <message>
        <source>Not handed on: it was resolved or claimed by someone else meanwhile</source>
        <translation>Nicht weitergegeben: Die Übergabe wurde inzwischen abgeschlossen oder von jemand anderem übernommen</translation>
    </message>
    <message>
        <source>Handed off to %1</source>
        <translation>An %1 übergeben</translation>
    </message>
    <message>
        <source>The team store cannot be read: %1</source>
        <translation>Der Team-Datenspeicher kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>freigegeben von %1</translation>
    </message>
    <message>
        <source>denied by %1: %2</source>
        <translation>abgelehnt von %1: %2</translation>
    </message>
    <message>
        <source>The day&apos;s figures cannot be read: %1</source>
        <translation>Die Tageszahlen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Approvals waiting: %1</source>
        <translation>Wartende Freigaben: %1</translation>
    </message>
    <message>
        <source>Already claimed by %1</source>
        <translation>Bereits von %1 übernommen</translation>
    </message>
    <message>
        <source>Claimed — yours now</source>
        <translation>Übernommen — liegt jetzt bei Ihnen</translation>
    </message>
    <message>
        <source>Claimed by %1 — open it read-only</source>
        <translation>Von %1 übernommen — nur lesend öffnen</translation>
    </message>
    <message>
        <source>Handoff from %1 (%2):</source>
        <translation>Übergabe von %1 (%2):</translation>
    </message>
    <message>
        <source>Customer wants: %1</source>
        <translation>Kundenanliegen: %1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Erledigt: %1</translation>
    </message>
    <message>
        <source>Pending: %1</source>
        <translation>Offen: %1</translation>
    </message>
    <message>
        <source>Call-back promised: %1</source>
        <translation>Rückruf zugesagt: %1</translation>
    </message>
    <message>
        <source>Changed since the handoff: %1</source>
        <translation>Seit der Übergabe geändert: %1</translation>
    </message>
    <message>
        <source>Nothing changed since the handoff.</source>
        <translation>Seit der Übergabe hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Claimed by someone else — not resolved</source>
        <translation>Von jemand anderem übernommen — nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Requested by %1 for %2</source>
        <translation>Angefordert von %1 für %2</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>Approved: %1</source>
        <translation>Freigegeben: %1</translation>
    </message>
    <message>
        <source>Say why the request is denied</source>
        <translation>Begründen Sie, warum die Anfrage abgelehnt wird</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Abgelehnt</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>parcel</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>handoff</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>TimelineSection</name>
    <message>
        <source>6 · Timeline</source>
        <translation>6 · Verlauf</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Timeline filter: kind</source>
        <translation>Verlaufsfilter: Art</translation>
    </message>
    <message>
        <source>Show only one kind of entry (Ctrl+Shift+F)</source>
        <translation>Nur eine Art von Einträgen anzeigen (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Timeline filter: channel</source>
        <translation>Verlaufsfilter: Kanal</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>from</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Timeline entries</source>
        <translation>Verlaufseinträge</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>alles</translation>
    </message>
    <message>
        <source>every channel</source>
        <translation>allen Kanälen</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 of %2 entries</source>
        <translation>%1 von %2 Einträgen</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>OnePane ran into an unexpected problem and has to close.

What happened: %1

Nothing you confirmed is lost: actions are kept and resumed at the next start.
The details are in the log: %2</source>
        <translation>OnePane ist auf ein unerwartetes Problem gestoßen und muss beendet werden.

Was passiert ist: %1

Nichts, was Sie bestätigt haben, geht verloren: Aktionen werden gespeichert und beim nächsten Start fortgesetzt.
Die Details stehen im Protokoll: %2</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <source>web shop</source>
        <translation>Webshop</translation>
    </message>
    <message>
        <source>app</source>
        <translation>App</translation>
    </message>
    <message>
        <source>store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>express kiosk</source>
        <translation>Express-Kiosk</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>dispatched</source>
        <translation>versandt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>partially cancelled</source>
        <translation>teilweise storniert</translation>
    </message>
    <message>
        <source>fulfilled in store</source>
        <translation>in Filiale ausgehändigt</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>zurückgegeben</translation>
    </message>
    <message>
        <source>partially returned</source>
        <translation>teilweise zurückgegeben</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>versandt</translation>
    </message>
    <message>
        <source>handed over</source>
        <translation>übergeben</translation>
    </message>
    <message>
        <source>authorized</source>
        <translation>autorisiert</translation>
    </message>
    <message>
        <source>captured</source>
        <translation>eingezogen</translation>
    </message>
    <message>
        <source>partially refunded</source>
        <translation>teilweise erstattet</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>erstattet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>bar</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <source>reroute</source>
        <translation>umleiten</translation>
    </message>
    <message>
        <source>redirect to store</source>
        <translation>an Filiale umleiten</translation>
    </message>
    <message>
        <source>reschedule</source>
        <translation>neu terminieren</translation>
    </message>
    <message>
        <source>intercept</source>
        <translation>abfangen</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>store staff</source>
        <translation>Filialpersonal</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>solved</source>
        <translation>gelöst</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>delivery</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>external id</source>
        <translation>externe ID</translation>
    </message>
    <message>
        <source>customer id</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>confirmed by agent</source>
        <translation>vom Agenten bestätigt</translation>
    </message>
    <message>
        <source>order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>parcel</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>faulty</source>
        <translation>defekt</translation>
    </message>
    <message>
        <source>not received</source>
        <translation>nicht erhalten</translation>
    </message>
    <message>
        <source>late delivery</source>
        <translation>verspätete Lieferung</translation>
    </message>
    <message>
        <source>wrong item</source>
        <translation>falscher Artikel</translation>
    </message>
    <message>
        <source>not as described</source>
        <translation>nicht wie beschrieben</translation>
    </message>
    <message>
        <source>changed mind</source>
        <translation>nicht mehr gewünscht</translation>
    </message>
    <message>
        <source>goodwill</source>
        <translation>Kulanz</translation>
    </message>
    <message>
        <source>price adjustment</source>
        <translation>Preisanpassung</translation>
    </message>
    <message>
        <source>shipping</source>
        <translation>Versandkosten</translation>
    </message>
    <message>
        <source>customer request</source>
        <translation>Kundenwunsch</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>nicht vorrätig</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>doppelt</translation>
    </message>
    <message>
        <source>fraud suspected</source>
        <translation>Betrugsverdacht</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>worn</source>
        <translation>getragen</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>social</source>
        <translation>Social Media</translation>
    </message>
    <message>
        <source>self-service</source>
        <translation>Self-Service</translation>
    </message>
    <message>
        <source>ordered</source>
        <translation>bestellt</translation>
    </message>
    <message>
        <source>packed</source>
        <translation>verpackt</translation>
    </message>
    <message>
        <source>handed to carrier</source>
        <translation>an Zusteller übergeben</translation>
    </message>
    <message>
        <source>in transit</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <source>out for delivery</source>
        <translation>in Zustellung</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>intercepted</source>
        <translation>abgefangen</translation>
    </message>
    <message>
        <source>returned to sender</source>
        <translation>an Absender zurück</translation>
    </message>
    <message>
        <source>ready for pick-up</source>
        <translation>abholbereit</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Line</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Quantity of %1</source>
        <translation>Menge von %1</translation>
    </message>
</context>
<context>
    <name>policy</name>
    <message>
        <source>Already dispatched — %1</source>
        <translation>Bereits versandt — %1</translation>
    </message>
    <message>
        <source>Store %1</source>
        <translation>Filiale %1</translation>
    </message>
    <message>
        <source>%1 does not allow %2 for this parcel now</source>
        <translation>%1 lässt %2 für dieses Paket derzeit nicht zu</translation>
    </message>
    <message>
        <source>Handed to %1 at %2 — %3</source>
        <translation>Um %2 an %1 übergeben — %3</translation>
    </message>
    <message>
        <source>Already with %1 — %2</source>
        <translation>Bereits bei %1 — %2</translation>
    </message>
    <message>
        <source>Already delivered — %1</source>
        <translation>Bereits zugestellt — %1</translation>
    </message>
    <message>
        <source>a new address</source>
        <translation>eine neue Adresse</translation>
    </message>
    <message>
        <source>a redirect to a store</source>
        <translation>eine Umleitung in eine Filiale</translation>
    </message>
    <message>
        <source>a new delivery date</source>
        <translation>eine Terminänderung</translation>
    </message>
    <message>
        <source>an interception</source>
        <translation>ein Abfangen</translation>
    </message>
    <message>
        <source>a name</source>
        <translation>einen Namen</translation>
    </message>
    <message>
        <source>a street and number</source>
        <translation>eine Straße mit Hausnummer</translation>
    </message>
    <message>
        <source>a second line</source>
        <translation>eine zweite Zeile</translation>
    </message>
    <message>
        <source>a postal code</source>
        <translation>eine Postleitzahl</translation>
    </message>
    <message>
        <source>a city</source>
        <translation>einen Ort</translation>
    </message>
    <message>
        <source>a country</source>
        <translation>ein Land</translation>
    </message>
    <message>
        <source>%1 already shipped — %2</source>
        <translation>%1 bereits versandt — %2</translation>
    </message>
    <message>
        <source>take a return instead</source>
        <translation>stattdessen eine Rücksendung annehmen</translation>
    </message>
    <message>
        <source>Delivered by %1 on %2 — %3</source>
        <translation>Von %1 am %2 zugestellt — %3</translation>
    </message>
    <message>
        <source>Order %1 is already cancelled</source>
        <translation>Bestellung %1 ist bereits storniert</translation>
    </message>
    <message>
        <source>A sale handed over at the counter cannot be cancelled — take a return instead</source>
        <translation>Ein an der Kasse übergebener Verkauf kann nicht storniert werden — stattdessen eine Rücksendung annehmen</translation>
    </message>
    <message>
        <source>Already handed over in store — take a return instead</source>
        <translation>Bereits in der Filiale übergeben — stattdessen eine Rücksendung annehmen</translation>
    </message>
    <message>
        <source>Order %1 is %2 — take a return instead</source>
        <translation>Bestellung %1 ist %2 — stattdessen eine Rücksendung annehmen</translation>
    </message>
    <message>
        <source>Choose at least one line to cancel</source>
        <translation>Mindestens eine Position zum Stornieren wählen</translation>
    </message>
    <message>
        <source>Choose a reason code for the refund</source>
        <translation>Wählen Sie einen Grundcode für die Erstattung aus</translation>
    </message>
    <message>
        <source>Unknown reason code %1</source>
        <translation>Unbekannter Grundcode %1</translation>
    </message>
    <message>
        <source>The payment is only authorised, not captured — cancel the order instead</source>
        <translation>Die Zahlung ist nur autorisiert, nicht eingezogen — stattdessen die Bestellung stornieren</translation>
    </message>
    <message>
        <source>The payment failed — there is nothing to refund</source>
        <translation>Die Zahlung ist fehlgeschlagen — es gibt nichts zu erstatten</translation>
    </message>
    <message>
        <source>The payment is in %1, not %2</source>
        <translation>Die Zahlung ist in %1, nicht in %2</translation>
    </message>
    <message>
        <source>Enter an amount above zero</source>
        <translation>Einen Betrag über null eingeben</translation>
    </message>
    <message>
        <source>Payment %1 is already refunded in full</source>
        <translation>Zahlung %1 ist bereits vollständig erstattet</translation>
    </message>
    <message>
        <source>Only %1 is left to refund on this payment</source>
        <translation>Auf dieser Zahlung sind nur noch %1 erstattbar</translation>
    </message>
    <message>
        <source>Choose at least one line to refund</source>
        <translation>Mindestens eine Position zum Erstatten wählen</translation>
    </message>
    <message>
        <source>Order %1 has no shipping charge</source>
        <translation>Bestellung %1 hat keine Versandkosten</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> am %1</translation>
    </message>
    <message>
        <source>Delivered by %1%2 — nothing left to change</source>
        <translation>Von %1%2 zugestellt — nichts mehr zu ändern</translation>
    </message>
    <message>
        <source>Already intercepted — %1 is returning it to the warehouse</source>
        <translation>Bereits abgefangen — %1 schickt das Paket ins Lager zurück</translation>
    </message>
    <message>
        <source>Already returned to the warehouse</source>
        <translation>Bereits ins Lager zurückgeschickt</translation>
    </message>
    <message>
        <source>Out for delivery with %1 — the carrier no longer accepts %2</source>
        <translation>Bei %1 in Zustellung — der Zusteller nimmt %2 nicht mehr an</translation>
    </message>
    <message>
        <source>Not handed to the carrier yet — %1 is not possible; cancel instead</source>
        <translation>Noch nicht an den Zusteller übergeben — %1 ist nicht möglich; stattdessen stornieren</translation>
    </message>
    <message>
        <source>The address needs %1</source>
        <translation>Die Adresse braucht %1</translation>
    </message>
    <message>
        <source>%1 is not a two-letter country code</source>
        <translation>%1 ist kein zweistelliger Ländercode</translation>
    </message>
    <message>
        <source>%1 is not a valid postal code in %2</source>
        <translation>%1 ist keine gültige Postleitzahl in %2</translation>
    </message>
    <message>
        <source>The street line needs a house number</source>
        <translation>Die Straßenzeile braucht eine Hausnummer</translation>
    </message>
    <message>
        <source>Choose the store to redirect the parcel to</source>
        <translation>Die Filiale wählen, in die das Paket umgeleitet werden soll</translation>
    </message>
    <message>
        <source>The new delivery date must be after today</source>
        <translation>Das neue Lieferdatum muss nach heute liegen</translation>
    </message>
    <message>
        <source>%1 takes new dates up to %2 days ahead (until %3)</source>
        <translation>%1 nimmt neue Termine bis zu %2 Tage im Voraus an (bis %3)</translation>
    </message>
    <message>
        <source>Only web and app orders can be fulfilled in store</source>
        <translation>Nur Webshop- und App-Bestellungen können in der Filiale ausgegeben werden</translation>
    </message>
    <message>
        <source>Order %1 is cancelled</source>
        <translation>Bestellung %1 ist storniert</translation>
    </message>
    <message>
        <source>Order %1 was already handed over in store</source>
        <translation>Bestellung %1 wurde bereits in der Filiale übergeben</translation>
    </message>
    <message>
        <source>Order %1 is %2</source>
        <translation>Bestellung %1 ist %2</translation>
    </message>
    <message>
        <source>Choose the items to hand over</source>
        <translation>Die zu übergebenden Artikel wählen</translation>
    </message>
    <message>
        <source>Order %1 was cancelled — nothing to return</source>
        <translation>Bestellung %1 wurde storniert — nichts zurückzugeben</translation>
    </message>
    <message>
        <source>Order %1 was already returned in full</source>
        <translation>Bestellung %1 wurde bereits vollständig zurückgegeben</translation>
    </message>
    <message>
        <source>Bought on %1 — the %2-day return window ended on %3</source>
        <translation>Gekauft am %1 — die Rückgabefrist von %2 Tagen endete am %3</translation>
    </message>
    <message>
        <source>Choose refund or exchange</source>
        <translation>Erstattung oder Umtausch wählen</translation>
    </message>
    <message>
        <source>Choose the item to exchange for</source>
        <translation>Den Umtauschartikel wählen</translation>
    </message>
    <message>
        <source>Choose a reason for the return</source>
        <translation>Wählen Sie einen Rücksendegrund aus</translation>
    </message>
    <message>
        <source>Unknown return reason %1</source>
        <translation>Unbekannter Rücksendegrund %1</translation>
    </message>
    <message>
        <source>Choose the items being returned</source>
        <translation>Die zurückgegebenen Artikel wählen</translation>
    </message>
    <message>
        <source>%1 already shipped — cancel only the lines not shipped yet</source>
        <translation>%1 bereits versandt — nur die noch nicht versandten Positionen stornieren</translation>
    </message>
    <message>
        <source>Order %1 has nothing left to cancel</source>
        <translation>Bestellung %1 hat nichts mehr zu stornieren</translation>
    </message>
    <message>
        <source>Order %1 has no line %2</source>
        <translation>Bestellung %1 hat keine Position %2</translation>
    </message>
    <message>
        <source>%1 is already cancelled</source>
        <translation>%1 ist bereits storniert</translation>
    </message>
    <message>
        <source>%1 is %2 — it cannot be cancelled</source>
        <translation>%1 ist %2 — kann nicht storniert werden</translation>
    </message>
    <message>
        <source>%1: choose a quantity from 1 to %2</source>
        <translation>%1: eine Menge von 1 bis %2 wählen</translation>
    </message>
    <message>
        <source>nothing to hand over</source>
        <translation>nichts mehr zu übergeben</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
    <message>
        <source>%1 can no longer intercept %2 — the customer would get it twice</source>
        <translation>%1 kann %2 nicht mehr abfangen — der Kunde würde die Ware doppelt erhalten</translation>
    </message>
    <message>
        <source>%1 is %2 — the customer does not have it yet</source>
        <translation>%1 ist %2 — der Kunde hat den Artikel noch nicht</translation>
    </message>
    <message>
        <source>%1 was already returned</source>
        <translation>%1 wurde bereits zurückgegeben</translation>
    </message>
    <message>
        <source>Only %1 of %2 can still be returned</source>
        <translation>%2: Rückgabe nur noch für %1 Stück möglich</translation>
    </message>
    <message>
        <source>reroute or intercept instead</source>
        <translation>stattdessen umleiten oder abfangen</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>%1 has no %2 in stock</source>
        <translation>%1 hat %2 nicht auf Lager</translation>
    </message>
    <message>
        <source>%1 has only %2 of %3 in stock</source>
        <translation>%1 hat von %3 nur %2 auf Lager</translation>
    </message>
    <message>
        <source>Refund %1 on payment %2 (reason: %3)</source>
        <translation>%1 auf Zahlung %2 erstatten (Grund: %3)</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Return from order %1</source>
        <translation>Rücksendung aus Bestellung %1</translation>
    </message>
    <message>
        <source>  %1 as store credit</source>
        <translation>  %1 als Guthaben</translation>
    </message>
    <message>
        <source>Hand case %1 to %2</source>
        <translation>Fall %1 an %2 übergeben</translation>
    </message>
    <message>
        <source>the whole order</source>
        <translation>die gesamte Bestellung</translation>
    </message>
    <message>
        <source>lines %1</source>
        <translation>Positionen %1</translation>
    </message>
    <message>
        <source>Cancel order %1</source>
        <translation>Bestellung %1 stornieren</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>%1 erstatten</translation>
    </message>
    <message>
        <source>Reroute parcel %1</source>
        <translation>Paket %1 umleiten</translation>
    </message>
    <message>
        <source>Redirect parcel %1</source>
        <translation>Paket %1 in eine Filiale umleiten</translation>
    </message>
    <message>
        <source>Reschedule parcel %1</source>
        <translation>Paket %1 neu terminieren</translation>
    </message>
    <message>
        <source>Intercept parcel %1</source>
        <translation>Paket %1 abfangen</translation>
    </message>
    <message>
        <source>Hand over lines %1 of order %2 from Store %3 stock</source>
        <translation>Positionen %1 der Bestellung %2 aus dem Bestand von Filiale %3 übergeben</translation>
    </message>
    <message>
        <source>Mark the order fulfilled in store; the store&apos;s stock goes down</source>
        <translation>Bestellung als in der Filiale ausgegeben markieren; der Filialbestand sinkt</translation>
    </message>
    <message>
        <source>No new charge: the order is already paid</source>
        <translation>Keine neue Belastung: Die Bestellung ist bereits bezahlt</translation>
    </message>
    <message>
        <source>Fulfil order %1 in store</source>
        <translation>Bestellung %1 in der Filiale ausgeben</translation>
    </message>
    <message>
        <source>Take back %1 of order %2</source>
        <translation>Zurücknehmen: %1 aus Bestellung %2</translation>
    </message>
    <message>
        <source>Exchange for %1</source>
        <translation>Umtausch gegen %1</translation>
    </message>
    <message>
        <source>The split over the tenders adds up to %1, not %2</source>
        <translation>Die Aufteilung auf die Zahlungsmittel ergibt %1, nicht %2</translation>
    </message>
    <message>
        <source>Write the note for the case</source>
        <translation>Die Notiz für den Fall schreiben</translation>
    </message>
    <message>
        <source>Choose the team taking over the case</source>
        <translation>Das Team wählen, das den Fall übernimmt</translation>
    </message>
    <message>
        <source>You work in Store %1, not Store %2</source>
        <translation>Sie arbeiten in Filiale %1, nicht in Filiale %2</translation>
    </message>
    <message>
        <source>A return with a refund needs the payment to refund</source>
        <translation>Eine Rücksendung mit Erstattung braucht die zu erstattende Zahlung</translation>
    </message>
    <message>
        <source>  to the original tenders in policy order</source>
        <translation>  auf die ursprünglichen Zahlungsmittel in der Reihenfolge der Richtlinie</translation>
    </message>
    <message>
        <source>Add an internal note to case %1</source>
        <translation>Interne Notiz zu Fall %1 hinzufügen</translation>
    </message>
    <message>
        <source>Reassign the case to %1</source>
        <translation>Den Fall neu an %1 zuweisen</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 stornieren</translation>
    </message>
    <message>
        <source>Deliver to: %1</source>
        <translation>Liefern an: %1</translation>
    </message>
    <message>
        <source>Redirect to pick-up at Store %1</source>
        <translation>Zur Abholung in Filiale %1 umleiten</translation>
    </message>
    <message>
        <source>New delivery date: %1</source>
        <translation>Neues Lieferdatum: %1</translation>
    </message>
    <message>
        <source>The carrier returns the parcel to the warehouse</source>
        <translation>Der Zusteller schickt das Paket ins Lager zurück</translation>
    </message>
    <message>
        <source>Intercept parcel %1 (back to the warehouse)</source>
        <translation>Paket %1 abfangen (zurück ins Lager)</translation>
    </message>
    <message>
        <source> at Store %1</source>
        <translation> in Filiale %1</translation>
    </message>
    <message>
        <source>The split over the tenders mixes currencies</source>
        <translation>Die Aufteilung auf die Zahlungsmittel mischt Währungen</translation>
    </message>
    <message>
        <source>  %1 to %2</source>
        <translation>  %1 auf %2</translation>
    </message>
    <message>
        <source>Payment %1 has no tender %2</source>
        <translation>Zahlung %1 hat kein Zahlungsmittel %2</translation>
    </message>
    <message>
        <source>Only %1 is left on the %2</source>
        <translation>Auf %2 ist nur noch %1 übrig</translation>
    </message>
    <message>
        <source>service agents</source>
        <translation>Service-Mitarbeiter</translation>
    </message>
    <message>
        <source>store staff</source>
        <translation>Filialmitarbeiter</translation>
    </message>
    <message>
        <source>supervisors</source>
        <translation>Teamleitungen</translation>
    </message>
    <message>
        <source>cancel orders</source>
        <translation>Bestellungen stornieren</translation>
    </message>
    <message>
        <source>refund payments</source>
        <translation>Zahlungen erstatten</translation>
    </message>
    <message>
        <source>reroute parcels</source>
        <translation>Pakete umleiten</translation>
    </message>
    <message>
        <source>redirect parcels to a store</source>
        <translation>Pakete in eine Filiale umleiten</translation>
    </message>
    <message>
        <source>reschedule deliveries</source>
        <translation>Lieferungen neu terminieren</translation>
    </message>
    <message>
        <source>intercept parcels</source>
        <translation>Pakete abfangen</translation>
    </message>
    <message>
        <source>fulfil orders in store</source>
        <translation>Bestellungen in der Filiale ausgeben</translation>
    </message>
    <message>
        <source>take returns</source>
        <translation>Rücksendungen annehmen</translation>
    </message>
    <message>
        <source>update cases</source>
        <translation>Fälle bearbeiten</translation>
    </message>
    <message>
        <source>%1 cannot %2</source>
        <translation>%1 dürfen nicht %2</translation>
    </message>
    <message>
        <source>%1 is above your refund limit of %2 — a supervisor must approve</source>
        <translation>%1 liegt über Ihrem Erstattungslimit von %2 — eine Teamleitung muss freigeben</translation>
    </message>
    <message>
        <source>Another store&apos;s sale for another customer</source>
        <translation>Verkauf einer anderen Filiale an einen anderen Kunden</translation>
    </message>
    <message>
        <source>Internal note of another customer</source>
        <translation>Interne Notiz eines anderen Kunden</translation>
    </message>
    <message>
        <source>%1 have no refund limit in %2 — a supervisor must approve</source>
        <translation>%1 haben kein Erstattungslimit in %2 — eine Teamleitung muss freigeben</translation>
    </message>
    <message>
        <source>%1 cannot approve refunds</source>
        <translation>%1 dürfen keine Erstattungen freigeben</translation>
    </message>
    <message>
        <source>You cannot approve your own request — ask another supervisor</source>
        <translation>Sie können Ihre eigene Anfrage nicht freigeben — fragen Sie eine andere Teamleitung</translation>
    </message>
    <message>
        <source>You are not signed in to a store — fulfilling in store needs one</source>
        <translation>Sie sind bei keiner Filiale angemeldet — die Ausgabe in der Filiale erfordert eine</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>by phone</source>
        <translation>per Telefon</translation>
    </message>
    <message>
        <source>by e-mail</source>
        <translation>per E-Mail</translation>
    </message>
    <message>
        <source>by chat</source>
        <translation>per Chat</translation>
    </message>
    <message>
        <source>on social media</source>
        <translation>über Social Media</translation>
    </message>
    <message>
        <source>through the self-service form</source>
        <translation>über das Self-Service-Formular</translation>
    </message>
    <message>
        <source>in the app</source>
        <translation>in der App</translation>
    </message>
    <message>
        <source>on the web shop</source>
        <translation>im Webshop</translation>
    </message>
    <message>
        <source>in store</source>
        <translation>in der Filiale</translation>
    </message>
    <message>
        <source>at the kiosk</source>
        <translation>am Kiosk</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1, %2. %3</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>Mär</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>Okt</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>Dez</translation>
    </message>
    <message>
        <source>%1 contacts about it, the last %2%3.</source>
        <translation>%1 Kontakte dazu, der letzte %2%3.</translation>
    </message>
    <message>
        <source>Order %1 (%2)</source>
        <translation>Bestellung %1 (%2)</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
    <message>
        <source>yesterday at %1</source>
        <translation>gestern um %1</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>1 contact about it, %1%2.</source>
        <translation>1 Kontakt dazu, %1%2.</translation>
    </message>
    <message>
        <source>paid by %1 %2</source>
        <translation>bezahlt per %1 %2</translation>
    </message>
    <message>
        <source>Order %1 (%2, %3)</source>
        <translation>Bestellung %1 (%2, %3)</translation>
    </message>
    <message>
        <source>is late by 1 day</source>
        <translation>ist 1 Tag verspätet</translation>
    </message>
    <message>
        <source>is %1 days late</source>
        <translation>ist %1 Tage verspätet</translation>
    </message>
    <message>
        <source>Parcel %1</source>
        <translation>Paket %1</translation>
    </message>
    <message>
        <source>has a delivery problem</source>
        <translation>hat ein Zustellproblem</translation>
    </message>
    <message>
        <source>%1 reported &apos;%2&apos; %3</source>
        <translation>%1 meldete %3 „%2“</translation>
    </message>
    <message>
        <source>Order %1 (%2) placed %3 is awaiting dispatch</source>
        <translation>Bestellung %1 (%2), aufgegeben %3, wartet auf Versand</translation>
    </message>
    <message>
        <source>No open orders, parcels or cases.</source>
        <translation>Keine offenen Bestellungen, Pakete oder Fälle.</translation>
    </message>
    <message>
        <source>, nothing since</source>
        <translation>, seitdem nichts mehr</translation>
    </message>
    <message>
        <source>1 more parcel late or held up.</source>
        <translation>1 weiteres Paket verspätet oder aufgehalten.</translation>
    </message>
    <message>
        <source>%1 more parcels late or held up.</source>
        <translation>%1 weitere Pakete verspätet oder aufgehalten.</translation>
    </message>
    <message>
        <source>1 more order awaiting dispatch.</source>
        <translation>1 weitere Bestellung wartet auf Versand.</translation>
    </message>
    <message>
        <source>%1 more orders awaiting dispatch.</source>
        <translation>%1 weitere Bestellungen warten auf Versand.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>, due %1</source>
        <translation>, voraussichtlich %1</translation>
    </message>
    <message>
        <source>%1 is on its way with %2%3.</source>
        <translation>%1 ist mit %2 unterwegs%3.</translation>
    </message>
    <message>
        <source> to %1</source>
        <translation> auf %1</translation>
    </message>
    <message>
        <source>Refunded %1%2 %3%4.</source>
        <translation>Erstattet: %1%2 %3%4.</translation>
    </message>
    <message>
        <source>1 open case: &apos;%1&apos;, opened %2%3.</source>
        <translation>1 offener Fall: „%1“, eröffnet %2%3.</translation>
    </message>
    <message>
        <source>Nothing needs attention in the systems that answered.</source>
        <translation>In den Systemen, die geantwortet haben, ist nichts zu tun.</translation>
    </message>
    <message>
        <source>, last seen %1 %2</source>
        <translation>, zuletzt erfasst %2: %1</translation>
    </message>
    <message>
        <source>handed to %1 %2</source>
        <translation>%2 an %1 übergeben</translation>
    </message>
    <message>
        <source>last seen %1 %2%3</source>
        <translation>zuletzt erfasst %2: %1%3</translation>
    </message>
    <message>
        <source>, 1 day past the promised date</source>
        <translation>, 1 Tag über dem zugesagten Termin</translation>
    </message>
    <message>
        <source>, %1 days past the promised date</source>
        <translation>, %1 Tage über dem zugesagten Termin</translation>
    </message>
    <message>
        <source>, promised for %1</source>
        <translation>, zugesagt für %1</translation>
    </message>
    <message>
        <source>%1 open cases, the latest &apos;%2&apos; opened %3.</source>
        <translation>%1 offene Fälle, zuletzt „%2“, eröffnet %3.</translation>
    </message>
    <message>
        <source>closes today</source>
        <translation>endet heute</translation>
    </message>
    <message>
        <source>closes %1</source>
        <translation>endet %1</translation>
    </message>
    <message>
        <source>closes in %1 days (%2 %3)</source>
        <translation>endet in %1 Tagen (%2. %3)</translation>
    </message>
    <message>
        <source>no news from %1 yet</source>
        <translation>noch keine Nachricht von %1</translation>
    </message>
    <message>
        <source>Return window for %1 %2.</source>
        <translation>Rückgabefrist für %1 %2.</translation>
    </message>
    <message>
        <source>Return window for %1 closed %2 days ago (%3 %4).</source>
        <translation>Rückgabefrist für %1 ist vor %2 Tagen abgelaufen (%3. %4).</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>unknown tender</source>
        <translation>unbekanntes Zahlungsmittel</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> in %1</translation>
    </message>
    <message>
        <source> for %1</source>
        <translation> für %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Order %1 placed%2</source>
        <translation>Bestellung %1%2 aufgegeben</translation>
    </message>
    <message>
        <source>%1, %2; %3</source>
        <translation>%1, %2; %3</translation>
    </message>
    <message>
        <source>Paid %1%2</source>
        <translation>Bezahlt: %1%2</translation>
    </message>
    <message>
        <source> to %1</source>
        <translation> auf %1</translation>
    </message>
    <message>
        <source>, approved by %1</source>
        <translation>, freigegeben von %1</translation>
    </message>
    <message>
        <source>Case opened: %1</source>
        <translation>Fall eröffnet: %1</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Artikel</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 Artikel</translation>
    </message>
    <message>
        <source>Refunded %1%2</source>
        <translation>Erstattet: %1%2</translation>
    </message>
    <message>
        <source>Note by %1</source>
        <translation>Notiz von %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
</TS>
