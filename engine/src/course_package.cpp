// A lesson as a course platform takes it (see pg/course_package.h).
#include "pg/course_package.h"

namespace pg {
namespace {

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string lesson_page(std::string_view page, const Lesson& lesson, std::string_view lesson_json,
                        std::string& error) {
    const size_t body = page.rfind("</body>");
    if (body == std::string_view::npos) {
        error = "the page has no </body>: is it playground-single.html?";
        return {};
    }
    // "</" inside the element would end it early: "<\/" is the same JSON text.
    std::string json;
    for (size_t i = 0; i < lesson_json.size(); ++i) {
        json += lesson_json[i];
        if (lesson_json[i] == '<' && i + 1 < lesson_json.size() && lesson_json[i + 1] == '/') json += '\\';
    }
    std::string out(page.substr(0, body));
    out += "<script type=\"application/json\" id=\"playground-lesson\">\n" + json + "\n</script>\n";
    out += page.substr(body);
    const size_t t0 = out.find("<title>"), t1 = out.find("</title>");
    if (t0 != std::string::npos && t1 != std::string::npos && t1 > t0)
        out.replace(t0 + 7, t1 - t0 - 7, xml_escape(lesson.title));
    return out;
}

std::string scorm_manifest(const Lesson& lesson, std::string_view version) {
    const std::string id = xml_escape(lesson.id), title = xml_escape(lesson.title);
    std::string m = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (version == "1.2") {
        m += "<manifest identifier=\"playground-" + id + "\" version=\"1\"\n"
             "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
             "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n"
             "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
             "  xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
             "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
             "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n"
             "  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n";
    } else {
        m += "<manifest identifier=\"playground-" + id + "\" version=\"1\"\n"
             "  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
             "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n"
             "  xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n"
             "  xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n"
             "  xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n"
             "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
             "  xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
             "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
             "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
             "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
             "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\">\n"
             "  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>\n";
    }
    const char* type_attr = version == "1.2" ? "adlcp:scormtype" : "adlcp:scormType";
    m += "  <organizations default=\"course\">\n"
         "    <organization identifier=\"course\">\n"
         "      <title>" + title + "</title>\n"
         "      <item identifier=\"lesson\" identifierref=\"page\">\n"
         "        <title>" + title + "</title>\n"
         "      </item>\n"
         "    </organization>\n"
         "  </organizations>\n"
         "  <resources>\n"
         "    <resource identifier=\"page\" type=\"webcontent\" " + std::string(type_attr) + "=\"sco\" href=\"" + std::string(kScormPageName) + "\">\n"
         "      <file href=\"" + std::string(kScormPageName) + "\"/>\n"
         "    </resource>\n"
         "  </resources>\n"
         "</manifest>\n";
    return m;
}

}  // namespace pg
