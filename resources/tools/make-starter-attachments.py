#!/usr/bin/env python3
"""Make the starter library's small PDFs and PowerPoint decks (resources/starter/files/).

Run once when the guide's text changes; the outputs are committed so builds need no Python:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install fpdf2 python-pptx
    /tmp/venv/bin/python resources/tools/make-starter-attachments.py
The PDFs embed DejaVu Sans (Debian's fonts-dejavu-core) so Cyrillic has a real text layer that
search can extract. Output is deterministic: fixed creation dates, no random ids.
"""
import datetime
import io
import pathlib
import zipfile

from fpdf import FPDF
from pptx import Presentation
from pptx.util import Pt

OUT = pathlib.Path(__file__).resolve().parent.parent / "starter" / "files"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
WHEN = datetime.datetime(2021, 4, 15, tzinfo=datetime.timezone.utc)

GUIDE = {
    "en": ("C19RM community consultation guide", [
        ("What is C19RM?", "The Global Fund's COVID-19 Response Mechanism funds countries' response to COVID-19 and protects HIV, TB and malaria programmes."),
        ("30% for communities", "At least 30% of the funding request should go to key populations and community responses."),
        ("Through the CCM", "Ask your key population representative on the Country Coordinating Mechanism when the consultation takes place."),
        ("Outside the CCM", "If people who use drugs are not consulted, document it, hold your own community consultation and send the results to the CCM and the Global Fund."),
        ("What to ask for", "Peer-led harm reduction, take-home opioid agonist therapy, protective equipment for outreach workers, community-led monitoring."),
    ]),
    "ru": ("Руководство по консультациям с сообществами по C19RM", [
        ("Что такое C19RM?", "Механизм реагирования на COVID-19 Глобального фонда финансирует ответ стран на COVID-19 и защищает программы по ВИЧ, туберкулёзу и малярии."),
        ("30% для сообществ", "Не менее 30% средств заявки должно быть направлено на ключевые группы населения и ответные меры сообществ."),
        ("Через СКК", "Узнайте у представителя ключевых групп в страновом координационном комитете, когда проходят консультации."),
        ("Вне СКК", "Если с людьми, употребляющими наркотики, не консультируются, зафиксируйте это, проведите собственную консультацию и направьте её итоги в СКК и Глобальный фонд."),
        ("Что предлагать", "Снижение вреда силами равных, выдача опиоидной агонистической терапии на дом, средства защиты для аутрич-работников, мониторинг под руководством сообществ."),
    ]),
    "fr": ("Guide de consultation communautaire sur le C19RM", [
        ("Qu'est-ce que le C19RM ?", "Le dispositif de riposte au COVID-19 du Fonds mondial finance la réponse des pays au COVID-19 et protège les programmes VIH, tuberculose et paludisme."),
        ("30 % pour les communautés", "Au moins 30 % des fonds demandés doivent aller aux populations clés et aux réponses communautaires."),
        ("Par l'ICN", "Demandez à votre représentant·e des populations clés à l'instance de coordination nationale quand la consultation a lieu."),
        ("En dehors de l'ICN", "Si les personnes qui consomment des drogues ne sont pas consultées, documentez-le, organisez votre propre consultation et envoyez les résultats à l'ICN et au Fonds mondial."),
        ("Que demander", "Réduction des risques menée par les pairs, traitements agonistes opioïdes à emporter, équipements de protection, surveillance communautaire des services."),
    ]),
    "es": ("Guía de consulta comunitaria sobre el C19RM", [
        ("¿Qué es el C19RM?", "El Mecanismo de Respuesta a la COVID-19 del Fondo Mundial financia la respuesta de los países a la COVID-19 y protege los programas de VIH, tuberculosis y malaria."),
        ("30 % para las comunidades", "Al menos el 30 % de los fondos solicitados debe destinarse a las poblaciones clave y a las respuestas comunitarias."),
        ("A través del MCP", "Pregunte a su representante de poblaciones clave en el Mecanismo de Coordinación de País cuándo se hace la consulta."),
        ("Fuera del MCP", "Si no se consulta a las personas que usan drogas, documéntelo, organice su propia consulta y envíe los resultados al MCP y al Fondo Mundial."),
        ("Qué pedir", "Reducción de daños dirigida por pares, dosis para llevar de agonistas opioides, equipos de protección, monitoreo comunitario de los servicios."),
    ]),
}


def make_pdf(lang, title, sections):
    pdf = FPDF()
    pdf.set_creation_date(WHEN)
    pdf.set_title(title)
    pdf.set_author("INPUD")
    pdf.set_lang(lang)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for heading, text in sections:
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(OUT / f"c19rm-guide-{lang}.pdf"))


def make_pptx(lang, title, sections):
    prs = Presentation()
    prs.core_properties.title = title
    prs.core_properties.author = "INPUD"
    prs.core_properties.language = lang
    prs.core_properties.created = WHEN.replace(tzinfo=None)
    prs.core_properties.modified = WHEN.replace(tzinfo=None)
    prs.core_properties.last_modified_by = "INPUD"
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = title
    slide.placeholders[1].text = "INPUD · 2021"
    for heading, text in sections:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = heading
        body = s.placeholders[1].text_frame
        body.text = text
        body.paragraphs[0].font.size = Pt(24)
    buf = io.BytesIO()
    prs.save(buf)
    write_fixed_zip(buf.getvalue(), OUT / f"c19rm-guide-{lang}.pptx")


def write_fixed_zip(data, path):
    """Rewrite a zip with fixed member timestamps, so the same input gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 4, 15, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, src.read(info.filename))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, (title, sections) in GUIDE.items():
        make_pdf(lang, title, sections)
        make_pptx(lang, title, sections)
    print("written to", OUT)
