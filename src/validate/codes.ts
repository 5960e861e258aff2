// Every message the validator can give: a stable code, its severity, a one-line text, and an
// explanation for `wirefeed validate --explain CODE`. Codes never change meaning once published;
// users filter and search on them.
import type { Severity } from './report.js';

export interface CodeInfo {
  severity: Severity;
  /** One line: what is wrong. May contain {placeholders} filled from the message's parameters. */
  text: string;
  /** What the rule is, where it comes from, and how to fix it (for --explain and the README). */
  explain: string;
}

export const CODES = {
  // ── XML well-formedness and encoding ─────────────────────────────────────────
  NotWellFormed: {
    severity: 'error',
    text: 'XML is not well-formed: {detail}',
    explain:
      'The file breaks a rule of XML 1.0 (an unclosed or mismatched tag, a stray "<" or "&", a character that XML forbids, text after the root element...). Readers stop at the first such error, so nothing after it is seen. Fix the spot shown; XML escapes "&" as &amp; and "<" as &lt; in text.',
  },
  UndefinedEntity: {
    severity: 'error',
    text: 'the entity &{name}; is not defined',
    explain:
      'XML defines only &amp; &lt; &gt; &quot; and &apos;. HTML names such as &nbsp; or &eacute; are errors in a feed unless the document declares them. Write the character itself (the file is UTF-8) or a numeric reference such as &#160;.',
  },
  UndeclaredPrefix: {
    severity: 'error',
    text: 'the namespace prefix "{prefix}" of <{element}> is not declared',
    explain:
      'Namespaces in XML 1.0: every prefix (the part before ":" in dc:creator, media:content...) must be bound by an xmlns:prefix="URI" attribute on that element or an ancestor. Declare it on the root element, e.g. xmlns:dc="http://purl.org/dc/elements/1.1/".',
  },
  InvalidNamespaceName: {
    severity: 'error',
    text: 'the namespace name "{value}" is not a URI',
    explain:
      'A namespace is named by a URI (Namespaces in XML 1.0). White space or other characters that cannot appear in a URI make the declaration invalid. Copy the namespace URI exactly from its specification.',
  },
  BadXmlVersion: {
    severity: 'error',
    text: 'the XML declaration says version "{value}"; feeds are XML 1.0',
    explain:
      'RSS and Atom are defined on XML 1.0, and most feed readers refuse any other version. Start the file with <?xml version="1.0" encoding="utf-8"?>.',
  },
  UnknownEncoding: {
    severity: 'error',
    text: 'unknown character encoding "{value}"',
    explain:
      'The encoding named in the XML declaration is not one a reader can be expected to know. Use UTF-8 (recommended), or UTF-16, ISO-8859-1 or windows-1252, and name it exactly.',
  },
  EncodingMismatch: {
    severity: 'error',
    text: 'the bytes are {actual} but the XML declaration says "{declared}"',
    explain:
      'XML 1.0 §4.3.3: it is a fatal error for a document to be in an encoding other than the one its declaration names. Either re-save the file in the declared encoding or correct the declaration.',
  },
  InvalidEncodedBytes: {
    severity: 'error',
    text: 'byte sequence not valid in {encoding} at this position',
    explain:
      'Some bytes cannot be decoded in the document\'s encoding (typically Latin-1 text saved into a file declared, or defaulting to, UTF-8). Readers replace or reject such text. Re-save the file as real UTF-8, or declare the encoding it really uses.',
  },
  EntityExpansionLimit: {
    severity: 'error',
    text: 'entity &{name}; expands beyond the limit of {limit} characters',
    explain:
      'Entities declared in the DOCTYPE may refer to each other; a few lines can expand to gigabytes ("billion laughs"). The validator stops expanding at a fixed limit and reports the document as invalid. Feeds have no need for such entities.',
  },
  RecursiveEntity: {
    severity: 'error',
    text: 'entity &{name}; refers to itself',
    explain: 'XML 1.0 §4.1 (WFC: No Recursion): an entity must not contain a reference to itself, directly or indirectly.',
  },
  ExternalEntity: {
    severity: 'warning',
    text: 'the external entity &{name}; is not read',
    explain:
      'Entities that point to other files (SYSTEM or PUBLIC) are never fetched: that would let a feed make its readers load arbitrary URLs. Readers will not see their content either; write the text into the feed.',
  },
  BadCharacters: {
    severity: 'warning',
    text: '<{element}> contains control characters (U+0080–U+009F) or U+FFFD',
    explain:
      'These characters almost always mean text was converted with the wrong encoding (windows-1252 read as ISO-8859-1, or bytes that could not be decoded). Check the encoding of the source text.',
  },
  ValidatorLimit: {
    severity: 'error',
    text: 'a single tag is larger than {limit} characters; the validator does not read further',
    explain:
      'To keep memory bounded, one start tag (with its attributes) or DOCTYPE may not exceed a fixed size. No real feed comes close; the file is probably corrupt.',
  },


  // ── Feed structure and values (RSS and Atom) ─────────────────────────────────
  UnknownFormat: {
    severity: 'error',
    text: 'the root element <{element}> is not a feed (expected rss, rdf:RDF or an Atom feed)',
    explain:
      'A feed document starts with <rss version="2.0"> (RSS), <rdf:RDF> (RSS 1.0) or <feed xmlns="http://www.w3.org/2005/Atom"> (Atom 1.0). An HTML page or another XML vocabulary is not a feed.',
  },
  InvalidNamespace: {
    severity: 'error',
    text: '<{element}> is in the namespace "{namespace}", which is not its own',
    explain:
      'RSS 2.0 elements are in no namespace; Atom 1.0 elements are in exactly "http://www.w3.org/2005/Atom" (case matters). Older or misspelt namespace URIs make readers skip the elements.',
  },
  MissingNamespace: {
    severity: 'error',
    text: '<{element}> must be in the namespace {namespace}',
    explain:
      'Atom and RSS 1.0 elements are recognised by their namespace, not by their name: declare xmlns="http://www.w3.org/2005/Atom" (Atom) or xmlns="http://purl.org/rss/1.0/" (RSS 1.0, beside xmlns:rdf) on the root element. XHTML content must likewise be in the XHTML namespace.',
  },
  UndefinedElement: {
    severity: 'error',
    text: '<{element}> is not allowed in <{parent}>',
    explain:
      'The element is not defined at this place by the format or by the specification of its namespace (RSS 2.0 core, Atom 1.0, or a known extension such as Dublin Core, Media RSS, iTunes). Check the spelling and the parent; extensions in your own namespace are always allowed.',
  },
  MissingElement: {
    severity: 'error',
    text: '<{parent}> must contain <{element}>',
    explain:
      'The specification requires this child element: RSS channels need title, link and description; items need a title or a description; Atom feeds and entries need id, title and updated, and an author unless the feed gives one.',
  },
  DuplicateElement: {
    severity: 'error',
    text: '<{parent}> contains more than one <{element}>',
    explain: 'The specification allows this element at most once in its parent. Keep one.',
  },
  MissingAttribute: {
    severity: 'error',
    text: '<{element}> must have a {attr} attribute',
    explain:
      'This element carries its data in attributes, and this one is required (e.g. enclosure url/length/type, cloud domain/port/path/registerProcedure/protocol, Atom category term, link href).',
  },
  UnexpectedAttribute: {
    severity: 'error',
    text: '<{element}> does not take a {attr} attribute',
    explain:
      'The attribute is not defined on this element (names are case-sensitive: isPermaLink, not isPermalink). Attributes from your own namespace are allowed.',
  },
  UnexpectedText: {
    severity: 'error',
    text: '<{element}> may contain only elements, not text',
    explain: 'This element is a container: text belongs inside one of its child elements.',
  },
  UnexpectedWhitespace: {
    severity: 'error',
    text: 'white space around the value of <{element}>',
    explain:
      'Atom identifiers, URIs and dates must be exact: leading or trailing spaces or line breaks make a different (invalid) value.',
  },
  NotBlank: {
    severity: 'warning',
    text: '<{element}> should not be blank',
    explain: 'An empty title, name or text says nothing to the reader; fill it or leave the element out.',
  },
  InvalidRFC822Date: {
    severity: 'error',
    text: '<{element}> must be an RFC 822 date-time such as "Sat, 07 Sep 2002 09:42:31 GMT": "{value}"',
    explain:
      'RSS dates follow RFC 822 as updated by RFC 2822: optional day name, day, English month abbreviation, four-digit year, hh:mm[:ss] and a zone (+hhmm, -hhmm, GMT, UT, or a US zone). The day name, if present, must match the date.',
  },
  ProblematicalRFC822Date: {
    severity: 'warning',
    text: '<{element}> is a date readers may misread: "{value}"',
    explain:
      'The value is allowed by the old RFC 822 grammar (two-digit year, lower case, comments, single-letter zones, odd spacing) but not by RFC 2822, and many readers get it wrong. Use the form "Sat, 07 Sep 2002 09:42:31 +0000".',
  },
  InvalidRFC3339Date: {
    severity: 'error',
    text: '<{element}> must be an RFC 3339 date-time such as "2003-12-13T18:30:02Z": "{value}"',
    explain:
      'Atom 1.0 §3.3: dates are RFC 3339 date-times with seconds and a time zone, an upper-case "T" and "Z", and real calendar values.',
  },
  InvalidW3CDTFDate: {
    severity: 'error',
    text: '<{element}> must be a W3C date-time (ISO 8601 profile) such as "2002-10-02T10:00:00-05:00": "{value}"',
    explain:
      'Dublin Core and Syndication dates use the W3C profile of ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, or a date and time with a time zone.',
  },
  ImplausibleDate: {
    severity: 'warning',
    text: '<{element}> has an implausible date: "{value}"',
    explain: 'The year is before 1900: no feed item was published then, so the date is almost certainly a mistake (a two-digit year read as 19xx, a zero date from a database, a placeholder). Write the real date of publication. (A date ahead of the time of validation is FutureDate.)',
  },
  FutureDate: {
    severity: 'warning',
    text: '{field} is {ahead} in the future: "{value}"',
    explain:
      'The date lies ahead of the time of validation (by more than 15 minutes, which allows for clocks that disagree a little). ' +
      'A feed says when its items were published and updated, so a date to come is nearly always a mistake: local time written ' +
      'with the wrong time zone (or "GMT"/"Z"), a server clock set wrong, or a post scheduled ahead but published at once. ' +
      'Readers sort by these dates, so the item sits at the top of every list until then; RSS 2.0 lets aggregators hide it ' +
      'until its date comes, and many readers replace the date with the time they fetched the item. ' +
      'Fix: write the moment the item was actually published, with its real offset from UTC (e.g. +02:00, or the UTC time with Z).',
  },
  InvalidURI: {
    severity: 'error',
    text: '<{element}> must be a valid URI: "{value}"',
    explain:
      'The value is not a URI reference per RFC 3986 (Atom accepts IRIs, RFC 3987). Percent-encode spaces and other special characters.',
  },
  InvalidFullURI: {
    severity: 'error',
    text: '<{element}> must be a full URL (with a scheme such as https:): "{value}"',
    explain:
      'Here a relative reference is not allowed: RSS links, guids marked as permalinks, and Atom ids must be absolute, e.g. "https://example.com/post/1".',
  },
  InvalidURIChar: {
    severity: 'error',
    text: '<{element}> contains a character not allowed in a URI ({char}): "{value}"',
    explain:
      'RFC 3986 allows only some ASCII characters in a URI; spaces, quotes, <, >, {, }, |, \\, ^ and ` must be percent-encoded (a space is %20).',
  },
  IRINotURI: {
    severity: 'error',
    text: '<{element}> contains non-ASCII characters; RSS requires a URL: "{value}"',
    explain:
      'RSS 2.0 links are URLs (RFC 3986), which are ASCII. Percent-encode the UTF-8 bytes of non-ASCII characters and use punycode for host names.',
  },
  InvalidTagURI: {
    severity: 'error',
    text: '<{element}> is not a valid tag: URI (RFC 4151): "{value}"',
    explain:
      'A tag URI is "tag:" authority "," date ":" specific, e.g. "tag:example.com,2005-01-31:post-1": the authority is a domain name or e-mail address, the date is YYYY, YYYY-MM or YYYY-MM-DD, and the specific part uses URI characters.',
  },
  InvalidURN: {
    severity: 'error',
    text: '<{element}> is not a valid URN (RFC 8141): "{value}"',
    explain: 'A URN is "urn:" namespace-id ":" specific-string; the namespace id is 2–32 letters, digits or hyphens and starts with a letter or digit.',
  },
  InvalidUUID: {
    severity: 'error',
    text: '<{element}> is not a valid urn:uuid: "{value}"',
    explain: 'A urn:uuid identifier is "urn:uuid:" followed by 32 hexadecimal digits in groups 8-4-4-4-12 (RFC 4122).',
  },
  SchemeNotRegistered: {
    severity: 'warning',
    text: '<{element}> uses the URI scheme "{value}", which is not registered',
    explain: 'Readers may not know what to do with an unregistered scheme. Check for a typing mistake (htp:, http;).',
  },
  ContainsRelativeURI: {
    severity: 'warning',
    text: '<{element}> contains relative URL references',
    explain:
      'HTML in RSS has no base URL: readers resolve relative links and images against unpredictable locations. Make every href and src absolute.',
  },
  NonCanonicalURI: {
    severity: 'warning',
    text: 'identifier "{value}" is not in canonical form',
    explain:
      'Atom ids are compared character by character. Use the normalised form of the URI (lower-case scheme and host, no default port, upper-case percent-escapes) so that equal ids compare equal.',
  },
  InvalidEmail: {
    severity: 'error',
    text: '<{element}> must contain an e-mail address: "{value}"',
    explain:
      'RSS managingEditor, webMaster and author are e-mail addresses, optionally followed by the name in parentheses ("jane@example.com (Jane Doe)"); Atom email is a bare address. To give only a name in RSS, use dc:creator.',
  },
  UnknownHost: {
    severity: 'warning',
    text: 'the address "{value}" has a host name without a dot, which mail on the internet cannot reach',
    explain:
      'RFC 5322 allows a one-word domain ("jane@example", "root@localhost"), so the address is well-formed, but only a local network can deliver to it. Readers who write to it will fail; give the full domain ("jane@example.com").',
  },
  EmailFormat: {
    severity: 'warning',
    text: '<{element}> should be an e-mail address followed by a name in parentheses',
    explain:
      'RSS Best Practices Profile: write "jane@example.com (Jane Doe)". Forms such as "Jane Doe <jane@example.com>" are not understood by all readers.',
  },
  InvalidLanguage: {
    severity: 'error',
    text: '<{element}> must be a language code such as "en" or "en-us": "{value}"',
    explain: 'Languages are given as an ISO 639 code, optionally followed by a region or other subtag (RFC 5646).',
  },
  InvalidMIMEType: {
    severity: 'error',
    text: '{attr} of <{element}> must be a MIME type such as "audio/mpeg": "{value}"',
    explain: 'A media type is type "/" subtype, optionally followed by parameters ("text/html; charset=utf-8").',
  },
  InvalidInteger: {
    severity: 'error',
    text: '<{element}> must be a whole number: "{value}"',
    explain: 'This value is an integer in decimal digits, with no unit, decimal point or spaces.',
  },
  InvalidPositiveInteger: {
    severity: 'error',
    text: '<{element}> must be a positive whole number: "{value}"',
    explain: 'This value is an integer greater than zero.',
  },
  InvalidNonNegativeInteger: {
    severity: 'error',
    text: '<{element}> must be a whole number, zero or more: "{value}"',
    explain: 'This value is an integer, zero or greater (a length in bytes, a count).',
  },
  InvalidNumber: {
    severity: 'error',
    text: '<{element}> must be a number: "{value}"',
    explain: 'This value is a decimal number such as 128 or 29.97.',
  },
  InvalidNonNegativeNumber: {
    severity: 'error',
    text: '<{element}> must be a number of zero or more: "{value}"',
    explain: 'A rate, a length of time or a radius (Media RSS bitrate, framerate, samplingrate and duration; GeoRSS radius) cannot be below zero.',
  },
  InvalidBoolean: {
    severity: 'error',
    text: '<{element}> must be "true" or "false": "{value}"',
    explain: 'This value is one of the words true or false, in lower case and without spaces.',
  },
  InvalidEnumeration: {
    severity: 'error',
    text: '<{element}> must be one of {allowed}: "{value}"',
    explain: 'The specification allows only a fixed list of values here.',
  },
  DuplicateValue: {
    severity: 'error',
    text: 'the value "{value}" of <{element}> appears more than once',
    explain: 'Each value must be unique in its scope: an item guid within a feed, an hour in skipHours, a day in skipDays.',
  },
  InvalidLatitude: {
    severity: 'error',
    text: '<{element}> must be a latitude between -90 and 90: "{value}"',
    explain: 'Latitudes are decimal degrees, from -90 (south pole) to 90 (north pole).',
  },
  InvalidLongitude: {
    severity: 'error',
    text: '<{element}> must be a longitude between -180 and 180: "{value}"',
    explain: 'Longitudes are decimal degrees, from -180 to 180.',
  },
  InvalidCoordinates: {
    severity: 'error',
    text: '<{element}> must be a list of "latitude longitude" pairs: "{value}"',
    explain: 'GeoRSS Simple: a point is two numbers (latitude then longitude) separated by a space; lines and polygons are longer lists of such pairs.',
  },
  CoordinateComma: {
    severity: 'warning',
    text: '<{element}> separates coordinates with a comma',
    explain: 'GeoRSS separates the numbers of a coordinate pair with white space; commas are not in the specification.',
  },
  ContainsHTML: {
    severity: 'warning',
    text: '<{element}> should not contain HTML',
    explain:
      'This element is plain text: markup or HTML entities show to readers as literal "<b>" or "&amp;amp;". Put the text only, or use a field meant for HTML (description, content:encoded, Atom type="html").',
  },
  ContainsUndeclaredHTML: {
    severity: 'warning',
    text: '<{element}> contains HTML but its type says plain text',
    explain: 'Declare type="html" (Atom) or type="html" (Media RSS) when the text is HTML, or remove the markup.',
  },
  UnsafeHTML: {
    severity: 'warning',
    text: '<{element}> contains HTML that readers will strip ({detail})',
    explain:
      'Scripts, frames, forms, embedded objects, event-handler attributes and style rules that can hide or move content are removed by careful readers and can be dangerous in careless ones. Publish plain markup only.',
  },
  DuplicateSemantics: {
    severity: 'warning',
    text: 'the same information is given twice: <{core}> and <{ext}>',
    explain: 'A core element and an extension element with the same meaning were both used; readers may show either. Keep one.',
  },

  // ── RSS ──────────────────────────────────────────────────────────────────────
  InvalidRSSVersion: {
    severity: 'error',
    text: 'rss version="{value}" is not a version of RSS: "2.0", "0.92" or "0.91"',
    explain:
      'The version attribute names the specification the document follows: RSS 2.0 is <rss version="2.0">; the older published versions are 0.91 and 0.92 (0.93 and 0.94 were drafts). Readers decide how to read the channel from it. Other values, such as "2.01" or "3.0", name no specification.',
  },
  InvalidDoctype: {
    severity: 'error',
    text: 'the Netscape RSS 0.91 DOCTYPE is only for RSS 0.91, but version is "{value}"',
    explain: 'The DOCTYPE and the version attribute disagree. Remove the DOCTYPE from an RSS 2.0 feed.',
  },
  DeprecatedDTD: {
    severity: 'error',
    text: 'the DOCTYPE points to Netscape\'s RSS 0.91 DTD, which no longer exists',
    explain:
      'my.netscape.com no longer serves the RSS 0.91 DTD. Use the copy at http://www.rssboard.org/rss-0.91.dtd or drop the DOCTYPE (and with it any HTML entities).',
  },
  InvalidHour: {
    severity: 'error',
    text: '<{element}> must be an hour from 0 to 23: "{value}"',
    explain: 'RSS 2.0 skipHours: each hour is a number 0–23 (GMT); 0 is midnight.',
  },
  UseZeroForMidnight: {
    severity: 'warning',
    text: 'use 0, not 24, for midnight in <skipHours>',
    explain: 'The RSS specification numbers hours 0–23; some readers reject 24.',
  },
  InvalidDay: {
    severity: 'error',
    text: '<{element}> must be Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday: "{value}"',
    explain: 'RSS 2.0 skipDays: each day is an English day name with an upper-case first letter.',
  },
  TooManyHours: {
    severity: 'error',
    text: '<skipHours> contains more than 24 hours',
    explain: 'A day has 24 hours; each may appear once.',
  },
  TooManyDays: {
    severity: 'error',
    text: '<skipDays> contains more than 7 days',
    explain: 'A week has 7 days; each may appear once.',
  },
  InvalidImageWidth: {
    severity: 'error',
    text: 'image <width> must be a whole number from 1 to 144: "{value}"',
    explain: 'RSS 2.0: the image width is at most 144 pixels (default 88).',
  },
  InvalidImageHeight: {
    severity: 'error',
    text: 'image <height> must be a whole number from 1 to 400: "{value}"',
    explain: 'RSS 2.0: the image height is at most 400 pixels (default 31).',
  },
  ImageLinkMismatch: {
    severity: 'warning',
    text: 'the image link differs from the channel link',
    explain: 'RSS 2.0: "in practice the image <link> should have the same value as the channel\'s <link>".',
  },
  ImageTitleMismatch: {
    severity: 'warning',
    text: 'the image title differs from the channel title',
    explain: 'RSS Best Practices Profile: the image title should be the channel title (it is used as the alt text).',
  },
  ImageFormat: {
    severity: 'warning',
    text: 'the image should be a GIF, JPEG or PNG',
    explain: 'RSS 2.0 names GIF, JPEG and PNG as the image formats.',
  },
  InvalidGuid: {
    severity: 'error',
    text: 'guid is a permalink (isPermaLink is not "false") but is not a full URL: "{value}"',
    explain:
      'RSS 2.0: when isPermaLink is true (the default), the guid is the URL of the item. For other identifiers (tag:, urn:, numbers) add isPermaLink="false".',
  },
  ItemMissingTitleOrDescription: {
    severity: 'error',
    text: 'an item must contain a title or a description',
    explain: 'RSS 2.0: "All elements of an item are optional, however at least one of title or description must be present."',
  },
  InvalidFormName: {
    severity: 'error',
    text: 'textInput <name> must be a form field name (a letter, then letters, digits, ".", "_", ":" or "-"): "{value}"',
    explain: 'The name is sent as the CGI parameter name of the text box.',
  },
  NoBlink: {
    severity: 'error',
    text: 'there is no <blink> element in RSS',
    explain: 'Use blogChannel:blink for a recommended link.',
  },
  MissingGuid: {
    severity: 'warning',
    text: 'item should contain a guid',
    explain: 'RSS Best Practices Profile: a guid lets readers tell new items from updated ones.',
  },
  MissingAtomSelfLink: {
    severity: 'warning',
    text: 'channel should contain an atom:link with rel="self"',
    explain: 'RSS Best Practices Profile: atom:link rel="self" gives the feed\'s own URL, which readers and hubs use.',
  },
  CharacterData: {
    severity: 'warning',
    text: '<{element}> contains markup or entities as character data; readers disagree on how to show it',
    explain:
      'RSS Best Practices Profile: in plain-text elements, encode "&" and "<" once; double-encoding or numeric references to markup render differently in different readers.',
  },
  AvoidTextInput: {
    severity: 'warning',
    text: 'textInput is not supported by most readers',
    explain: 'RSS Best Practices Profile: the element is rarely implemented; leave it out.',
  },
  NeedDescriptionBeforeContent: {
    severity: 'warning',
    text: 'an item with content:encoded should also have a description, placed before it',
    explain: 'RSS Best Practices Profile: description carries the summary, content:encoded the full text.',
  },
  SlashDate: {
    severity: 'warning',
    text: 'slash:comments used without a channel lastBuildDate',
    explain: 'RSS Best Practices Profile: comment counts change, so readers need lastBuildDate to know when they were true.',
  },
  UseOfExtensionAttribute: {
    severity: 'warning',
    text: 'extension attribute {attr} on the RSS core element <{element}>',
    explain: 'RSS 2.0 allows extension elements, not attributes on core elements; many readers ignore them.',
  },
  DuplicateEnclosure: {
    severity: 'warning',
    text: 'item contains more than one enclosure',
    explain: 'RSS Best Practices Profile: most readers take only the first enclosure of an item.',
  },
  InvalidPermalink: {
    severity: 'error',
    text: 'guid is marked as a permalink but is a {value} identifier, not a URL',
    explain: 'tag: and urn:uuid: identifiers are not locations. Add isPermaLink="false".',
  },
  MediaRssNamespace: {
    severity: 'error',
    text: 'the Media RSS namespace is "http://search.yahoo.com/mrss/" (with the final slash)',
    explain: 'Without the trailing slash the namespace is a different one, and readers ignore every media: element.',
  },
  ReservedPrefix: {
    severity: 'warning',
    text: 'the prefix "{prefix}" is usually bound to {value}',
    explain: 'The prefix is conventionally used for another namespace; the document is valid but confusing to read.',
  },
  InvalidItunesCategory: {
    severity: 'error',
    text: '"{value}" is not an Apple Podcasts category',
    explain: 'itunes:category text must be one of the categories (and sub-categories) Apple publishes, spelt exactly, with "&" written as &amp;.',
  },
  ObsoleteItunesCategory: {
    severity: 'warning',
    text: '"{value}" is an obsolete Apple Podcasts category',
    explain: 'The category was retired by Apple; pick a current one.',
  },
  TooLong: {
    severity: 'error',
    text: '<{element}> is {length} characters long; the limit is {max}',
    explain: 'The specification of this element limits its length.',
  },
  InvalidKeywords: {
    severity: 'warning',
    text: '<{element}> should separate keywords with commas',
    explain: 'Keywords are a comma-separated list.',
  },
  UnsupportedItunesFormat: {
    severity: 'warning',
    text: 'the enclosure format .{value} is not supported by Apple Podcasts',
    explain: 'Apple Podcasts plays M4A, MP3, MOV, MP4, M4V, PDF and EPUB files.',
  },
  InvalidCreditRole: {
    severity: 'error',
    text: 'media:credit role "{value}" is not a role of its scheme',
    explain: 'With the default scheme urn:ebu, the role is one of the EBU role codes, in lower case (e.g. "photographer", "author").',
  },
  InvalidMediaHash: {
    severity: 'error',
    text: 'media:hash is not a valid {detail}',
    explain: 'media:hash has algo "md5" (32 hex digits, the default) or "sha-1" (40 hex digits).',
  },
  InvalidMediaRating: {
    severity: 'error',
    text: 'media:rating "{value}" is not valid in the scheme {scheme}',
    explain: 'urn:simple takes adult or nonadult; urn:mpaa, urn:v-chip and urn:icra have their own value lists.',
  },
  InvalidNPTTime: {
    severity: 'error',
    text: '{attr} of <{element}> must be a Normal Play Time such as 12.5 or 00:01:02.5: "{value}"',
    explain: 'Media RSS times follow RFC 2326 NPT: seconds, or h:mm:ss with optional fraction, or "now".',
  },
  InvalidCountryCode: {
    severity: 'error',
    text: '"{value}" is not an ISO 3166 country code',
    explain: 'media:restriction type="country" lists two-letter country codes separated by spaces.',
  },
  MediaGroupWithoutAlternatives: {
    severity: 'error',
    text: 'media:group must contain several media:content alternatives',
    explain: 'Media RSS: media:group groups alternative renditions (sizes, formats) of one content item; a group of one is a misuse. Put a single media:content directly in the item.',
  },
  DeprecatedMediaAdult: {
    severity: 'warning',
    text: 'media:adult is deprecated; use media:rating',
    explain: 'Media RSS 1.1 replaced media:adult by media:rating scheme="urn:simple".',
  },

  // ── RSS 1.0 ──────────────────────────────────────────────────────────────────
  LongerThanSuggested: {
    severity: 'warning',
    text: '<{element}> is {length} characters long; RSS 1.0 suggests at most {max}',
    explain:
      'RSS 1.0 §5 gives each core element a suggested maximum length (titles 40 characters, item titles 100, textinput descriptions 100, links, URLs and descriptions 500), kept from RSS 0.9 and 0.91, whose readers cut or refuse longer text. A longer value is valid; shorten it if older readers matter.',
  },
  TooManyItems: {
    severity: 'warning',
    text: 'the document has {count} items; RSS 1.0 recommends at most {max}',
    explain:
      'RSS 1.0 §5.5 sets no upper limit, but recommends at most fifteen items for compatibility with RSS 0.9 and 0.91 readers, which may drop the rest.',
  },
  ResourceMismatch: {
    severity: 'error',
    text: 'the channel\'s <{element}> refers to "{value}", but the document\'s <{element}> is about "{about}"',
    explain:
      'RSS 1.0 §5.3.4 and §5.3.6: the rdf:resource of the channel\'s image (textinput) must be the same URI as the rdf:about of the image (textinput) element beside the channel; that URI is what ties the two together in RDF. Make them equal.',
  },
  UndescribedResource: {
    severity: 'warning',
    text: '<{element}> refers to "{value}", but the document has no <{target}> with that rdf:about',
    explain:
      'RSS 1.0 §5.3: the channel names its items (rdf:li in items), image and textinput by URI, and each is described by an element beside the channel whose rdf:about is that URI. A reference nothing describes leaves readers with an entry they cannot show. Add the element, or remove the reference; check that the two URIs are written the same way.',
  },
  UnlistedItem: {
    severity: 'warning',
    text: '<item rdf:about="{value}"> is not listed in the channel\'s <items>',
    explain:
      'RSS 1.0 §5.3.5: the channel\'s items hold an rdf:Seq with one rdf:li rdf:resource="..." per item, naming the item\'s rdf:about; items the sequence does not list "are likely to be discarded by RDF parsers". Add an rdf:li for it.',
  },
  AboutNotLink: {
    severity: 'warning',
    text: 'the item\'s rdf:about "{value}" differs from its <link> "{link}"',
    explain:
      'RSS 1.0 §5.5: the URI that identifies an item "should be identical to the value of the <link> sub-element", if possible. Readers that go by one or the other then agree on what the item is.',
  },

  // ── Atom ─────────────────────────────────────────────────────────────────────
  InvalidTextType: {
    severity: 'error',
    text: 'type of <{element}> must be "text", "html" or "xhtml": "{value}"',
    explain: 'Atom 1.0 §3.1.1: text constructs (title, subtitle, summary, rights) have one of these three types.',
  },
  MissingXhtmlDiv: {
    severity: 'error',
    text: '<{element}> has type="xhtml" but its content is not wrapped in an XHTML div',
    explain: 'Atom 1.0 §3.1.1.3: XHTML content is a single <div xmlns="http://www.w3.org/1999/xhtml"> holding the markup.',
  },
  NotEscaped: {
    severity: 'error',
    text: '<{element}> says its HTML is escaped, but it contains elements',
    explain: 'With type="html" the markup must be escaped (&lt;p&gt;) or in CDATA; use type="xhtml" for inline markup.',
  },
  NotInline: {
    severity: 'warning',
    text: '<{element}> has type="xhtml" but contains escaped markup',
    explain: 'Escaped HTML inside XHTML content shows as literal tags.',
  },
  InvalidBase64: {
    severity: 'error',
    text: '<{element}> has a non-text media type but is not valid Base64',
    explain: 'Atom 1.0 §4.1.3.3: content with a media type that is not text or XML is Base64-encoded.',
  },
  MissingSummary: {
    severity: 'error',
    text: 'entry must have a summary because its content is {detail}',
    explain: 'Atom 1.0 §4.1.1.1: an entry whose content has a src attribute or is not text (Base64 media) must have an atom:summary.',
  },
  MissingContentOrAlternate: {
    severity: 'error',
    text: 'entry must have either a content element or a link rel="alternate"',
    explain: 'Atom 1.0 §4.1.1: entries without content must point to their content with an alternate link.',
  },
  MissingTextualContent: {
    severity: 'warning',
    text: 'entry has no textual content (no summary, and content that is not text)',
    explain: 'Readers have nothing to show without a summary.',
  },
  MisplacedMetadata: {
    severity: 'error',
    text: '<{element}> of the feed comes after its first entry',
    explain:
      "Atom 1.0 §4.1.1 (the schema of atom:feed): the feed's own elements (title, id, updated, links, authors...) come first and its entries after them. Readers that stream a feed may have stopped looking for the feed's metadata by then; move the element above the first <entry>.",
  },
  DuplicateAtomLink: {
    severity: 'error',
    text: '<{parent}> has more than one link rel="alternate" with the same type and hreflang',
    explain: 'Atom 1.0 §4.1.1: at most one alternate link per combination of type and hreflang.',
  },
  UnregisteredLinkRel: {
    severity: 'warning',
    text: 'link rel="{value}" is not a registered relation',
    explain: 'Link relations are IANA-registered names (alternate, self, related, enclosure, via, replies, next...) or full URIs.',
  },
  DuplicateEntries: {
    severity: 'warning',
    text: 'two entries have the same id "{value}"',
    explain: 'Atom 1.0 §4.1.1: entries with the same id are versions of one entry, and then need different updated values.',
  },
  DuplicateIds: {
    severity: 'error',
    text: 'every entry has the same id "{value}"',
    explain: 'Each entry needs its own permanent, universally unique id.',
  },
  MissingSelfLink: {
    severity: 'warning',
    text: 'feed should contain a link with rel="self"',
    explain: 'Atom 1.0 §4.1.1: feeds should name their own URL, which readers use to subscribe.',
  },
  MissingTypeAttribute: {
    severity: 'warning',
    text: '<{element}> with a src attribute should have a type attribute',
    explain: 'Atom 1.0 §4.1.3.2: out-of-line content should say its media type.',
  },
  HtmlFragment: {
    severity: 'warning',
    text: '<{element}> is a fragment but its type is a full-document type',
    explain: 'Use type="html" for HTML fragments; text/html means a complete document.',
  },
  MissingSourceElement: {
    severity: 'warning',
    text: 'the source of an entry should contain <{element}>',
    explain: 'Atom 1.0 §4.2.11: the source keeps the id, title and updated of the original feed.',
  },
  FeedRelInCompleteFeed: {
    severity: 'error',
    text: 'a complete feed (fh:complete) must not have link rel="{value}"',
    explain: 'RFC 5005 §2: a complete feed has no paging or archive links.',
  },
  LinkPastEnd: {
    severity: 'error',
    text: 'link rel="{value}" points past the end of the feed\'s pages',
    explain: 'RFC 5005: the first page has no "previous" link and the last page has no "next" link.',
  },
  ObsoleteThreadingWhen: {
    severity: 'error',
    text: 'thr:when is obsolete; use thr:updated',
    explain: 'RFC 4685 defines thr:updated on replies links; thr:when was in drafts only.',
  },
  AvoidNamespacePrefix: {
    severity: 'warning',
    text: 'avoid the prefix "{prefix}" for the Atom or XHTML namespace',
    explain: 'Some readers only recognise these elements without a prefix; make the namespace the default one.',
  },


  // ── JSON Feed ────────────────────────────────────────────────────────────────
  JsonSyntaxError: {
    severity: 'error',
    text: 'not valid JSON: {detail}',
    explain:
      'The file is not JSON as RFC 8259 defines it, so no reader can use any of it (the JSON Feed spec tells readers not to try). ' +
      'The line and column point at the first character that breaks the grammar. Common causes: a trailing comma, single quotes, ' +
      'comments, an unescaped control character (a raw newline or tab inside a string), or a file cut short. ' +
      'Fix: produce the feed with a JSON serializer instead of string templates.',
  },
  JsonTooDeep: {
    severity: 'error',
    text: 'not a usable JSON Feed: {detail}',
    explain:
      'Objects and arrays are nested far deeper than any feed needs (a JSON Feed is about six levels deep). Such documents ' +
      'crash or stall many parsers, so the validator stops here. Fix: flatten the structure; check the generator for runaway recursion.',
  },
  JsonDuplicateKey: {
    severity: 'warning',
    text: 'the key "{key}" appears more than once in the same object',
    explain:
      'RFC 8259 says the names in an object should be unique; when they are not, readers disagree on which value wins ' +
      '(most keep the last, some the first, some reject the file). Fix: write each key once per object.',
  },
  JsonByteOrderMark: {
    severity: 'warning',
    text: 'the file starts with a byte order mark',
    explain:
      'RFC 8259 forbids adding a byte order mark (U+FEFF) in front of JSON text; many JSON parsers, JSON.parse among them, ' +
      'reject it. The validator ignores it and checks the rest. Fix: save the file as UTF-8 without BOM.',
  },
  FeedNotObject: {
    severity: 'error',
    text: 'a JSON Feed must be a JSON object, not {type}',
    explain:
      'A JSON Feed is one object with version, title and items at the top level. Fix: wrap the feed in { ... } with those members.',
  },
  MissingVersion: {
    severity: 'error',
    text: 'required field version is missing',
    explain:
      'Every JSON Feed names its format version as a URL: "https://jsonfeed.org/version/1.1" (or "https://jsonfeed.org/version/1" ' +
      'for a 1.0 feed). Readers use it to recognise the file as a feed. Fix: add "version": "https://jsonfeed.org/version/1.1" ' +
      'as the first member.',
  },
  UnknownVersion: {
    severity: 'error',
    text: 'version "{value}" is not a JSON Feed version (checked as 1.1)',
    explain:
      'The only published versions are "https://jsonfeed.org/version/1" and "https://jsonfeed.org/version/1.1". Any other value ' +
      'makes readers unsure the file is a JSON Feed; the validator checks the rest against version 1.1. Fix: use one of the two URLs exactly.',
  },
  NonCanonicalVersion: {
    severity: 'warning',
    text: 'version "{value}" should be written exactly "{canonical}"',
    explain:
      'The version URL is compared as a string by many readers, so a variant spelling (http instead of https, www., a trailing ' +
      'slash) may not be recognised. Fix: write the version URL exactly as the spec gives it.',
  },
  MissingField: {
    severity: 'error',
    text: 'required field {field} is missing',
    explain:
      'JSON Feed requires version, title and items at the top level, id in each item, url and mime_type in each attachment, ' +
      'and type and url in each hub. Readers must discard an item without an id. Fix: add the field named in the message.',
  },
  InvalidType: {
    severity: 'error',
    text: '{field} must be {expected}, not {actual}',
    explain:
      'Each JSON Feed field has one JSON type: text and URLs are strings, items/authors/tags/attachments/hubs are arrays, ' +
      'authors/attachments/hubs hold objects, size_in_bytes and duration_in_seconds are numbers, expired is true or false. ' +
      'An item id must be a string in version 1.1 (the spec clarified this; readers coerce a number, but publishers must not rely on it). ' +
      'Fix: write the value with the type the message names (e.g. "size_in_bytes": 1024, not "1024").',
  },
  NullValue: {
    severity: 'warning',
    text: '{field} is null; leave an optional field out instead',
    explain:
      'JSON Feed fields have a type (string, array, object...), and null is none of them. Many readers treat null as absent, ' +
      'but strict ones reject the value or the item. Fix: omit optional fields that have no value instead of writing null.',
  },
  MissingRecommendedField: {
    severity: 'warning',
    text: '{field} is missing; the spec recommends it',
    explain:
      'home_page_url and feed_url are "optional but strongly recommended" and should be treated as required for feeds on the ' +
      'public web (feed_url is the feed\'s identity); an item\'s url, its permalink, "should be present regardless". Fix: add the URL.',
  },
  UnknownField: {
    severity: 'warning',
    text: '{field} is not a JSON Feed field and will be ignored{hint}',
    explain:
      'Readers ignore members the spec does not define, so a misspelt field (contents_html, date_publish) silently loses data. ' +
      'Custom data belongs in an extension object whose name starts with "_" followed by a letter (e.g. "_myapp": {...}). ' +
      'Fix: correct the spelling, or move the data into an extension.',
  },
  FieldNotInVersion: {
    severity: 'warning',
    text: '{field} is a JSON Feed 1.1 field, but the feed declares version 1',
    explain:
      'authors and language were added in JSON Feed 1.1; a reader that trusts the declared version 1 may ignore them. ' +
      'Fix: declare "version": "https://jsonfeed.org/version/1.1" (a 1.0 feed is valid 1.1 once it says so).',
  },
  InvalidUrl: {
    severity: 'error',
    text: '{field} is not a valid URL: {reason}',
    explain:
      'home_page_url, feed_url, next_url, icon, favicon, item url/external_url/image/banner_image, author url/avatar, ' +
      'attachment url and hub url must be URLs (RFC 3986; non-ASCII letters are fine). Spaces and the characters < > " { } | \\ ^ ` ' +
      'must be percent-encoded, every % must start a %XX escape, and an http(s) URL needs a host. Fix: write the full, encoded URL.',
  },
  RelativeUrl: {
    severity: 'warning',
    text: '{field} is a relative URL ("{value}"); JSON Feed has no base URL to resolve it against',
    explain:
      'Unlike HTML or Atom (xml:base), a JSON Feed has no base for relative references, so readers guess, often wrongly. ' +
      'Fix: write absolute URLs such as https://example.org/posts/1.',
  },
  NextUrlIsFeedUrl: {
    severity: 'error',
    text: 'next_url must not be the same as feed_url',
    explain:
      'next_url points to the next page of older items. The spec forbids it to equal feed_url, because a reader following it ' +
      'would loop forever. Fix: point next_url at the following page, or leave it out on the last page.',
  },
  InvalidDate: {
    severity: 'error',
    text: '{field} "{value}" is not a valid RFC 3339 date-time: {reason}',
    explain:
      'date_published and date_modified must be RFC 3339 date-times: full date, "T", time with seconds, and a zone, e.g. ' +
      '2010-02-07T14:04:00-05:00 or 2010-02-07T19:04:00Z, and a day that exists (no February 30, no 25:00). ' +
      'Fix: format dates with an RFC 3339 / ISO 8601 formatter that includes the offset.',
  },
  DateModifiedBeforePublished: {
    severity: 'warning',
    text: 'date_modified ({modified}) is earlier than date_published ({published})',
    explain:
      'An item cannot be modified before it was published; readers that sort or mark updates by these dates will misbehave. ' +
      'Fix: check the two dates (often a time zone mix-up).',
  },
  InvalidLanguageTag: {
    severity: 'error',
    text: '{field} "{value}" is not an RFC 5646 language tag',
    explain:
      'language uses RFC 5646 tags: a 2- or 3-letter language code, optionally followed by a script, region or variant, ' +
      'joined by hyphens, e.g. "en", "en-US", "zh-Hant-TW". Underscores ("en_US") and names ("English") are not tags. ' +
      'Fix: write the tag with hyphens.',
  },
  EmptyId: {
    severity: 'error',
    text: '{field} is blank',
    explain:
      'An item id identifies the item for ever, across updates; readers must discard an item whose id is blank. ' +
      'Fix: give every item a stable, unique, non-empty id, ideally its permanent URL.',
  },
  NumericId: {
    severity: 'warning',
    text: '{field} is a number ({value}); ids should be strings',
    explain:
      'JSON Feed 1.0 lets readers coerce a non-string id to a string, so this 1.0 feed still works, but version 1.1 ' +
      'clarified that an id is a string (a number id is an error there). Large numbers can also change when a reader parses ' +
      'them (12345678901234567890 becomes 12345678901234567000). Fix: write the id in quotes.',
  },
  DuplicateItemId: {
    severity: 'error',
    text: 'id "{value}" is already used by {first}',
    explain:
      'An id must be unique within the feed and over time: readers use it to tell new items from updated ones, so two items ' +
      'with one id show as one (or as endless re-runs). Ids are compared as strings, so 1 and "1" collide. ' +
      'Fix: derive each id from something unique to the item, such as its permanent URL.',
  },
  MissingContent: {
    severity: 'error',
    text: 'item has neither content_html nor content_text',
    explain:
      'content_html and content_text are each optional, but one or both must be present in every item. ' +
      'Fix: add the item body as content_html (HTML) or content_text (plain text).',
  },
  HtmlInPlainText: {
    severity: 'warning',
    text: '{field} is plain text but contains {what} "{sample}"',
    explain:
      'In JSON Feed "the only place HTML is allowed is content_html". Titles, summaries, content_text, tags, author names and ' +
      'attachment titles are plain text, so readers show markup or entities literally ("&amp;" appears as five characters). ' +
      'Fix: put the characters themselves in the plain-text field (& not &amp;), and move markup into content_html. ' +
      'If the text really talks about a tag, as in a title about <blink>, this warning can be ignored.',
  },
  DeprecatedAuthor: {
    severity: 'warning',
    text: '{field} is deprecated in JSON Feed 1.1; use authors (an array)',
    explain:
      'Version 1.1 replaced the single author object with an authors array. Deprecated fields stay valid, and a feed may ' +
      'carry both for older readers, but newer readers look at authors first. Fix: add "authors": [ { ... } ] (keeping author is fine).',
  },
  EmptyAuthor: {
    severity: 'error',
    text: '{field} has none of name, url or avatar',
    explain:
      'An author object\'s members are all optional, but the spec requires at least one of name, url and avatar when the object ' +
      'is present. Fix: add the author\'s name, or remove the empty object.',
  },
  EmptyAuthors: {
    severity: 'warning',
    text: '{field} is an empty array',
    explain:
      'authors "specifies one or more" authors; an empty array says nothing and hides the top-level authors from items that ' +
      'inherit them in some readers. Fix: list at least one author, or leave the field out.',
  },
  InvalidAttachmentMimeType: {
    severity: 'error',
    text: '{field} "{value}" is not a MIME type',
    explain:
      'An attachment\'s mime_type is a media type such as "audio/mpeg" or "video/mp4" (type/subtype, optionally with ' +
      'parameters). Podcast apps choose players by it. Fix: write the media type of the file.',
  },
  InvalidAttachmentNumber: {
    severity: 'error',
    text: '{field} must be {expected}, not {value}',
    explain:
      'size_in_bytes is a whole number of bytes, and duration_in_seconds a number of seconds; neither can be negative or infinite. ' +
      'Fix: write the file\'s real size and duration, or leave the field out if unknown.',
  },
  ExtensionNotObject: {
    severity: 'error',
    text: 'extension {field} must be an object, not {actual}',
    explain:
      'Names starting with "_" are reserved for extensions, and an extension is a custom object ("_myapp": { "about": "...", ... }). ' +
      'Readers that do not know it ignore it. Fix: wrap the data in an object.',
  },
  InvalidExtensionName: {
    severity: 'error',
    text: 'extension name "{key}" {reason}',
    explain:
      'An extension name must start with "_" followed by a letter, and must not contain "." (e.g. "_blue_shed"). ' +
      'Fix: rename the extension, e.g. "_myapp".',
  },
  InvalidExtensionKey: {
    severity: 'error',
    text: 'key "{key}" in extension {field} {reason}',
    explain:
      'Inside an extension object, member keys must not contain "." and must not start with "_" (only the extension name does); ' +
      'they should be alphanumeric. Fix: rename the key.',
  },
  MessagesTruncated: {
    severity: 'warning',
    text: '{count} more messages were not listed',
    explain:
      'A very broken document can produce one message per item; past a bound the validator stops listing them so the report ' +
      'stays readable and memory stays bounded. Fix the listed problems (usually one generator bug) and validate again.',
  },

  // ── Archive chains (RFC 5005 §4, JSON Feed next_url) ─────────────────────────
  ArchiveLinkBroken: {
    severity: 'error',
    text: 'the {rel} link {href} leads to no document of this archive',
    explain:
      'RFC 5005 §4: a reader rebuilds an archived feed by following prev-archive links (JSON Feed: next_url) from the main ' +
      'feed to the oldest page. A link to a page that does not exist loses every item from there on. Fix: publish the page, ' +
      'or correct the link (the checker resolves URLs against the main feed\'s self URL).',
  },
  ArchiveLinkWrongFormat: {
    severity: 'error',
    text: 'the {rel} link {href} leads to a {format} document',
    explain:
      'An archive chain stays in one format: an RSS page links RSS pages, an Atom page Atom pages. A reader of one format ' +
      'cannot read the items of another. Fix: point the link at the page of the same format.',
  },
  ArchiveLoop: {
    severity: 'error',
    text: 'the {rel} links go round in a loop back to {target}',
    explain:
      'Following the archive links must end at the oldest page. A loop makes readers stop (JSON Feed forbids a next_url ' +
      'that was seen before) or, worse, fetch forever. Fix: each page links to the one before it, and the oldest to none.',
  },
  ArchiveMarkerMissing: {
    severity: 'warning',
    text: 'this page is linked as an archive (from {from}) but has no fh:archive element',
    explain:
      'RFC 5005 §4: archive documents carry <fh:archive/> (namespace http://purl.org/syndication/history/1.0) so a reader ' +
      'that lands on one knows it is not the feed to subscribe to. Fix: add the element to every archive page.',
  },
  ArchiveCurrentMissing: {
    severity: 'warning',
    text: 'this archive page has no "current" link to its main feed ({main})',
    explain:
      'RFC 5005 §4: archive documents should link rel="current" to the subscription document, so a reader that lands on ' +
      'a page finds the feed to subscribe to. Fix: add the link.',
  },
  ArchiveCurrentMismatch: {
    severity: 'error',
    text: 'the "current" link {href} is not this chain\'s main feed ({main})',
    explain:
      'An archive page reached from a main feed must name that same feed as "current"; otherwise the pages of two feeds ' +
      'are mixed. Fix: link each page to the main feed it belongs to.',
  },
  ArchiveNextMissing: {
    severity: 'warning',
    text: 'this archive page has no next-archive link back to {from}',
    explain:
      'RFC 5005 §4: every archive page but the newest should link rel="next-archive" to the next newer page, so the chain ' +
      'can be walked both ways. Fix: add the link.',
  },
  ArchiveLinksDisagree: {
    severity: 'error',
    text: 'next-archive points to {href}, but the page whose prev-archive leads here is {from}',
    explain:
      'prev-archive and next-archive must be mirror images: if page B says prev-archive A, page A says next-archive B. ' +
      'Otherwise pages were renumbered without rewriting their neighbours. Fix: regenerate the pages together.',
  },
  ArchiveNotNewest: {
    severity: 'error',
    text: 'prev-archive leads to {page}, which has a newer page ({newer}) that the main feed skips',
    explain:
      'The main feed\'s prev-archive must lead to the newest archive page; a reader walking back from it never sees the ' +
      'pages it skips. Fix: link the main feed to the newest page.',
  },
  ArchivePageUnreachable: {
    severity: 'error',
    text: 'no main feed leads to this archive page: its {count} items are lost to readers',
    explain:
      'Readers find archive pages only by following links from the main feed. A page outside the chain (left over from an ' +
      'older numbering, or with a broken link before it) is never read. Fix: link it into the chain or remove it.',
  },
  ArchiveDuplicateItem: {
    severity: 'error',
    text: 'item {id} is also on {first}',
    explain:
      'Each item of an archived feed belongs to exactly one archive page. The same id on two pages means the pages were ' +
      'cut from different orderings, and readers may show the older copy. Fix: regenerate the archive from one ordering.',
  },
  ArchiveItemInMainAndPage: {
    severity: 'warning',
    text: 'item {id} is both on this archive page and in the main feed {main}',
    explain:
      'RFC 5005 §4.2 lets readers keep the copy from the newer document, so this is allowed (publishers do it for ' +
      'corrected items), but an item normally leaves the main feed when it moves to an archive page.',
  },
  ArchiveFormatsDiffer: {
    severity: 'warning',
    text: '{count} items of {other} are missing from this {format} chain (e.g. {example})',
    explain:
      'The same feed published in several formats should hold the same items in each, pages included; an item missing ' +
      'from one format was lost when that format\'s pages were written. Fix: regenerate all formats from the same articles.',
  },

  // ── Fetching (URLs) ──────────────────────────────────────────────────────────
  ReadFailed: {
    severity: 'error',
    text: '{input}: {reason}',
    explain:
      'The file or folder could not be read (it does not exist, is not readable, or is a folder with no .xml, .rss, .atom or .json files). Nothing was validated; the command exits with status 2.',
  },
  UnexpectedContentType: {
    severity: 'warning',
    text: 'served as {contentType}; {format} feeds should be served as {expected}',
    explain:
      'Readers and browsers use the Content-Type header to decide what a URL is. RSS should be served as application/rss+xml, ' +
      'Atom as application/atom+xml (application/xml and text/xml are accepted for both), JSON Feed as application/feed+json ' +
      '(application/json is accepted). text/html or text/plain makes browsers show or sniff the file and some readers refuse it. ' +
      'Fix: set the type in the web server configuration for the feed\'s file extension.',
  },
  MissingContentType: {
    severity: 'warning',
    text: 'the server sent no Content-Type; {format} feeds should be served as {expected}',
    explain:
      'Without a Content-Type header readers must guess what the response is. Fix: configure the web server to send the ' +
      'feed\'s media type (application/rss+xml, application/atom+xml or application/feed+json).',
  },
  FetchHttpError: {
    severity: 'error',
    text: '{url}: the server answered HTTP {status}',
    explain:
      'The URL did not return the feed: 4xx means the request was refused or the address is wrong (404: no such file), ' +
      '5xx means the server failed. Fix: check the URL in a browser; if it is your feed, check the server logs.',
  },
  FetchConnectionFailed: {
    severity: 'error',
    text: '{url}: {reason}',
    explain:
      'No HTTP exchange took place: the host name did not resolve (DNS), the server refused or dropped the connection, or ' +
      'could not be reached in time. Fix: check the host name and port, and that the server is up and reachable from here.',
  },
  FetchTlsError: {
    severity: 'error',
    text: '{url}: TLS failure: {reason}',
    explain:
      'The HTTPS connection could not be secured: the certificate is expired, self-signed, issued for another name, or the ' +
      'server does not speak TLS on that port. Readers will refuse it too. Fix the server\'s certificate (or use the right scheme/port).',
  },
  FetchTooManyRedirects: {
    severity: 'error',
    text: '{url}: more than {max} redirects',
    explain:
      'The URL redirects in a long chain or a loop. Readers give up after a few hops. Fix: point subscribers at the final URL, ' +
      'and make old URLs redirect there in one step (301).',
  },
  FetchTimeout: {
    severity: 'error',
    text: '{url}: {reason}',
    explain:
      'The server did not accept the connection, or did not send the whole feed, within the time limit (10 s to connect, ' +
      '30 s in all by default; --connect-timeout and --timeout change them). Fix: check the server; serve a smaller feed.',
  },
  FetchTooLarge: {
    severity: 'error',
    text: '{url}: the response is larger than {limit}',
    explain:
      'The validator stops reading past the size limit (50 MB by default, --max-size changes it), after decompression, so a ' +
      'huge or endless response cannot exhaust memory. Feeds are best under 1 MB. Fix: paginate or trim the feed.',
  },
  FetchBadResponse: {
    severity: 'error',
    text: '{url}: {reason}',
    explain:
      'The response could not be read: an unsupported or corrupt Content-Encoding, a redirect without a Location, or a ' +
      'connection cut in the middle of the body. Fix: check the server\'s compression and proxy settings.',
  },
  FetchBadUrl: {
    severity: 'error',
    text: '{url}: {reason}',
    explain:
      'Only absolute http:// and https:// URLs can be fetched. Fix: write the full URL, including the scheme.',
  },
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
