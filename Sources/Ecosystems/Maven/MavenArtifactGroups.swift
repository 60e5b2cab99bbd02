/// The Maven group of well-known artifacts, for archives that carry no `pom.properties` or `pom.xml`.
///
/// A jar copied into an image by hand (`log4j-core-2.14.1.jar`) or repackaged by a distribution often keeps only its
/// file name, and a manifest's `Implementation-Vendor-Id` is a vendor (`org.apache`), not a group. Advisories name
/// `groupId:artifactId`, so without the group such a jar matches nothing. This table holds the groups of the artifacts
/// that carry most Java advisories (logging, serialization, web frameworks, HTTP clients and servers, XML, crypto),
/// each checked against Maven Central's coordinates. Artifacts whose group changed with a major version (`dom4j`,
/// `groovy`, `ehcache`, `hibernate-core`) are left out: a wrong group would be worse than none.
enum MavenArtifactGroups {
    /// The group of `artifact`, when it is well known.
    static func group(of artifact: String) -> String? {
        if let group = exact[artifact] { return group }
        if artifact.hasSuffix("-api"), artifact.hasPrefix("javax.") || artifact.hasPrefix("jakarta.") {
            // `jakarta.servlet-api` is jakarta.servlet:jakarta.servlet-api, `javax.ws.rs-api` javax.ws.rs:javax.ws.rs-api.
            return String(artifact.dropLast(4))
        }
        return prefixes.first { artifact.hasPrefix($0.prefix) }?.group
    }

    private static let exact: [String: String] = [
        // Logging
        "log4j": "log4j", "log4j-over-slf4j": "org.slf4j", "slf4j-api": "org.slf4j", "slf4j-simple": "org.slf4j",
        "slf4j-log4j12": "org.slf4j", "slf4j-reload4j": "org.slf4j", "slf4j-jdk14": "org.slf4j",
        "jcl-over-slf4j": "org.slf4j", "jul-to-slf4j": "org.slf4j", "logback-core": "ch.qos.logback",
        "logback-classic": "ch.qos.logback", "logback-access": "ch.qos.logback", "reload4j": "ch.qos.reload4j",
        "commons-logging": "commons-logging",
        // Apache Commons: the old artifacts are their own group, the newer ones are org.apache.commons.
        "commons-io": "commons-io", "commons-codec": "commons-codec", "commons-collections": "commons-collections",
        "commons-beanutils": "commons-beanutils", "commons-fileupload": "commons-fileupload",
        "commons-lang": "commons-lang", "commons-httpclient": "commons-httpclient", "commons-net": "commons-net",
        "commons-cli": "commons-cli", "commons-dbcp": "commons-dbcp", "commons-pool": "commons-pool",
        "commons-digester": "commons-digester", "commons-validator": "commons-validator",
        "commons-configuration": "commons-configuration", "commons-jxpath": "commons-jxpath",
        "commons-daemon": "commons-daemon", "commons-lang3": "org.apache.commons", "commons-text": "org.apache.commons",
        "commons-collections4": "org.apache.commons", "commons-compress": "org.apache.commons",
        "commons-configuration2": "org.apache.commons", "commons-dbcp2": "org.apache.commons",
        "commons-pool2": "org.apache.commons", "commons-math3": "org.apache.commons",
        "commons-csv": "org.apache.commons",
        "commons-email": "org.apache.commons", "commons-exec": "org.apache.commons",
        "commons-vfs2": "org.apache.commons",
        "commons-jexl3": "org.apache.commons", "commons-imaging": "org.apache.commons",
        // Serialization and data formats
        "jackson-databind": "com.fasterxml.jackson.core", "jackson-core": "com.fasterxml.jackson.core",
        "jackson-annotations": "com.fasterxml.jackson.core", "jackson-mapper-asl": "org.codehaus.jackson",
        "jackson-core-asl": "org.codehaus.jackson", "snakeyaml": "org.yaml", "gson": "com.google.code.gson",
        "xstream": "com.thoughtworks.xstream", "json-smart": "net.minidev", "jettison": "org.codehaus.jettison",
        "woodstox-core": "com.fasterxml.woodstox", "protobuf-java": "com.google.protobuf",
        "protobuf-java-util": "com.google.protobuf", "json": "org.json", "avro": "org.apache.avro",
        "xmlbeans": "org.apache.xmlbeans", "xercesImpl": "xerces", "xalan": "xalan", "jdom2": "org.jdom",
        "jsoup": "org.jsoup", "ognl": "ognl", "javassist": "org.javassist",
        // Web frameworks, servers and clients
        "struts2-core": "org.apache.struts", "spring-kafka": "org.springframework.kafka",
        "spring-amqp": "org.springframework.amqp", "spring-rabbit": "org.springframework.amqp",
        "spring-webflow": "org.springframework.webflow", "spring-hateoas": "org.springframework.hateoas",
        "spring-vault-core": "org.springframework.vault", "httpclient": "org.apache.httpcomponents",
        "httpcore": "org.apache.httpcomponents", "httpmime": "org.apache.httpcomponents",
        "httpasyncclient": "org.apache.httpcomponents", "httpcore-nio": "org.apache.httpcomponents",
        "httpclient-cache": "org.apache.httpcomponents", "fluent-hc": "org.apache.httpcomponents",
        "httpclient5": "org.apache.httpcomponents.client5", "httpcore5": "org.apache.httpcomponents.core5",
        "httpcore5-h2": "org.apache.httpcomponents.core5", "okhttp": "com.squareup.okhttp3",
        "okio": "com.squareup.okio", "undertow-core": "io.undertow", "thymeleaf": "org.thymeleaf",
        "freemarker": "org.freemarker", "velocity": "org.apache.velocity",
        "velocity-engine-core": "org.apache.velocity", "netty": "io.netty", "guava": "com.google.guava",
        // Security and crypto
        "nimbus-jose-jwt": "com.nimbusds", "antisamy": "org.owasp.antisamy", "esapi": "org.owasp.esapi",
        "xmlsec": "org.apache.santuario",
        // Databases and messaging
        "h2": "com.h2database", "postgresql": "org.postgresql", "mysql-connector-java": "mysql",
        "mysql-connector-j": "com.mysql", "hsqldb": "org.hsqldb",
        "derby": "org.apache.derby", "zookeeper": "org.apache.zookeeper", "kafka-clients": "org.apache.kafka",
        "quartz": "org.quartz-scheduler", "elasticsearch": "org.elasticsearch",
        // Documents, tooling and runtime
        "poi": "org.apache.poi", "poi-ooxml": "org.apache.poi", "tika-core": "org.apache.tika",
        "pdfbox": "org.apache.pdfbox", "mina-core": "org.apache.mina", "sshd-core": "org.apache.sshd",
        "junit": "junit", "ant": "org.apache.ant", "ant-launcher": "org.apache.ant", "maven-core": "org.apache.maven",
        "plexus-utils": "org.codehaus.plexus", "jna": "net.java.dev.jna", "byte-buddy": "net.bytebuddy",
        "mockito-core": "org.mockito", "antlr": "antlr", "antlr4-runtime": "org.antlr", "bcel": "org.apache.bcel",
    ]

    /// Families named by a common prefix, most specific first.
    private static let prefixes: [(prefix: String, group: String)] = [
        ("log4j-", "org.apache.logging.log4j"),
        ("jackson-dataformat-", "com.fasterxml.jackson.dataformat"),
        ("jackson-datatype-", "com.fasterxml.jackson.datatype"),
        ("jackson-module-", "com.fasterxml.jackson.module"),
        ("jackson-jaxrs-", "com.fasterxml.jackson.jaxrs"),
        ("spring-boot", "org.springframework.boot"),
        ("spring-security-", "org.springframework.security"),
        ("spring-data-", "org.springframework.data"),
        ("spring-cloud-", "org.springframework.cloud"),
        ("spring-batch-", "org.springframework.batch"),
        ("spring-integration-", "org.springframework.integration"),
        ("spring-session-", "org.springframework.session"),
        ("spring-ws-", "org.springframework.ws"),
        ("spring-", "org.springframework"),
        ("netty-", "io.netty"),
        ("tomcat-embed-", "org.apache.tomcat.embed"),
        ("tomcat-", "org.apache.tomcat"),
        ("jetty-", "org.eclipse.jetty"),
        ("bcprov-", "org.bouncycastle"),
        ("bcpkix-", "org.bouncycastle"),
        ("bcutil-", "org.bouncycastle"),
        ("bcpg-", "org.bouncycastle"),
        ("bctls-", "org.bouncycastle"),
        ("bcmail-", "org.bouncycastle"),
        ("shiro-", "org.apache.shiro"),
        ("vertx-", "io.vertx"),
        ("grpc-", "io.grpc"),
        ("cxf-", "org.apache.cxf"),
        ("activemq-", "org.apache.activemq"),
        ("batik-", "org.apache.xmlgraphics"),
        ("lucene-", "org.apache.lucene"),
        ("hadoop-", "org.apache.hadoop"),
        ("kotlin-stdlib", "org.jetbrains.kotlin"),
        ("aws-java-sdk-", "com.amazonaws"),
        ("junit-jupiter", "org.junit.jupiter"),
        ("asm-", "org.ow2.asm"),
    ]
}
