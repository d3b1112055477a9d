/**
 * CSL styles for MLA 9 and Chicago author-date (17th ed.), written for what Marginalia cites: news
 * articles and web pages. citation-js ships APA 7 itself; these two are ours, kept small, and
 * checked against the manuals' own web-article examples in tests/unit/citations.test.ts.
 */

const info = (id: string, title: string) =>
  `<info><title>${title}</title><id>https://marginalia.example/csl/${id}</id><updated>2026-11-28T00:00:00+00:00</updated></info>`;

/** A date as MLA writes it: 6 Aug. 2021. */
const mlaDate = (variable: string) => `<date variable="${variable}">
        <date-part name="day" suffix=" "/>
        <date-part name="month" form="short" suffix=" "/>
        <date-part name="year"/>
      </date>`;

/** A date as Chicago writes it: August 6, 2021. */
const chicagoDate = (variable: string) => `<date variable="${variable}">
        <date-part name="month" suffix=" "/>
        <date-part name="day" suffix=", "/>
        <date-part name="year"/>
      </date>`;

const authorNames = `<names variable="author">
      <name name-as-sort-order="first" and="text" delimiter=", " delimiter-precedes-last="always" et-al-min="3" et-al-use-first="1"/>
    </names>`;

/** MLA Handbook, 9th edition: Author. "Title." Container, Day Mon. Year, URL. Accessed Day Mon. Year. */
export const MLA_9 = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never" default-locale="en-US">
  ${info('mla-9', 'MLA Handbook 9th edition (web and news articles)')}
  <locale xml:lang="en">
    <terms>
      <term name="month-06" form="short">June</term>
      <term name="month-07" form="short">July</term>
      <term name="month-09" form="short">Sept.</term>
    </terms>
  </locale>
  <macro name="author">${authorNames}</macro>
  <macro name="author-short">
    <names variable="author"><name form="short" and="text" et-al-min="3" et-al-use-first="1"/></names>
  </macro>
  <macro name="mla-date">${mlaDate('issued')}</macro>
  <macro name="accessed">
    <group delimiter=" ">
      <text term="accessed" text-case="capitalize-first"/>
      ${mlaDate('accessed')}
    </group>
  </macro>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <choose>
        <if variable="author"><text macro="author-short"/></if>
        <else><text variable="title" form="short" quotes="true"/></else>
      </choose>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort><key macro="author"/><key variable="title"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text variable="title" quotes="true" text-case="title"/>
        <group delimiter=", ">
          <text variable="container-title" font-style="italic"/>
          <text macro="mla-date"/>
          <text variable="URL"/>
        </group>
        <text macro="accessed"/>
      </group>
    </layout>
  </bibliography>
</style>`;

/** Chicago Manual of Style, 17th edition, author-date: Author. Year. "Title." Container, Month Day, Year. URL. */
export const CHICAGO_AUTHOR_DATE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="display-and-sort" default-locale="en-US">
  ${info('chicago-author-date-17', 'Chicago Manual of Style 17th edition, author-date (web and news articles)')}
  <macro name="author">${authorNames}</macro>
  <macro name="author-short">
    <names variable="author"><name form="short" and="text" et-al-min="4" et-al-use-first="1"/></names>
  </macro>
  <macro name="year">
    <choose>
      <if variable="issued"><date variable="issued"><date-part name="year"/></date></if>
      <else><text term="no date" form="short"/></else>
    </choose>
  </macro>
  <macro name="full-date">${chicagoDate('issued')}</macro>
  <macro name="accessed">
    <choose>
      <if variable="issued" match="none">
        <group delimiter=" ">
          <text term="accessed" text-case="capitalize-first"/>
          ${chicagoDate('accessed')}
        </group>
      </if>
    </choose>
  </macro>
  <citation>
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=" ">
        <choose>
          <if variable="author"><text macro="author-short"/></if>
          <else><text variable="title" form="short" quotes="true"/></else>
        </choose>
        <text macro="year"/>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort><key macro="author"/><key macro="year"/><key variable="title"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <choose>
          <if variable="author"><text macro="author"/></if>
          <else><text variable="container-title"/></else>
        </choose>
        <text macro="year"/>
        <text variable="title" quotes="true" text-case="title"/>
        <choose>
          <if variable="author">
            <group delimiter=", ">
              <text variable="container-title" font-style="italic"/>
              <text macro="full-date"/>
            </group>
          </if>
          <else><text macro="full-date"/></else>
        </choose>
        <text macro="accessed"/>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>
</style>`;
