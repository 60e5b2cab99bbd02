<?php
// Answers version questions with composer/semver (Debian's php-composer-semver), one line in, one line out.
// "valid": whether VersionParser::normalize accepts the string.
// "compare": the order Semver::sort uses: normalize, map default branches to 9999999-dev, then Comparator.
require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;

$parser = new VersionParser();
$mode = $argv[1];
$normalize = function ($v) use ($parser) {
    return $parser->normalizeDefaultBranch($parser->normalize($v));
};
while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    if ($mode === 'valid') {
        try {
            $parser->normalize($line);
            echo "1\n";
        } catch (\UnexpectedValueException $e) {
            echo "0\n";
        }
        continue;
    }
    list($a, $b) = explode("\t", $line, 2);
    $na = $normalize($a);
    $nb = $normalize($b);
    if ($na === $nb) {
        echo "=\n";
    } elseif (Comparator::lessThan($na, $nb)) {
        echo "<\n";
    } elseif (Comparator::greaterThan($na, $nb)) {
        echo ">\n";
    } elseif (Comparator::equalTo($na, $nb)) {
        echo "=\n";
    } else {
        echo "?\n";  // Two different dev branches: composer leaves them unordered.
    }
}
